/// ANSI colour for people at a terminal: only when stdout is one, `NO_COLOR` is unset or
/// empty (no-color.org), and the terminal is not `dumb`.
struct Color {
    let enabled: Bool

    init(_ ctx: Context) {
        enabled = ctx.out.isTerminal && (ctx.environment["NO_COLOR"] ?? "").isEmpty && ctx.environment["TERM"] != "dumb"
    }

    func red(_ s: String) -> String { enabled ? "\u{1B}[31m\(s)\u{1B}[0m" : s }
    func bold(_ s: String) -> String { enabled ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
}
