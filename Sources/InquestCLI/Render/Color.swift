/// ANSI colour for people at a terminal: only when stdout is one, `NO_COLOR` is unset or
/// empty (no-color.org), and the terminal is not `dumb`.
///
/// Colour is marked with `TerminalText.Style` characters, which only the output sink turns
/// into escape sequences, so text from the branch can never carry its own.
struct Color {
    let enabled: Bool

    init(_ ctx: Context) {
        enabled = ctx.out.isTerminal && (ctx.environment["NO_COLOR"] ?? "").isEmpty && ctx.environment["TERM"] != "dumb"
    }

    func red(_ s: String) -> String { wrap(s, .red) }
    func bold(_ s: String) -> String { wrap(s, .bold) }

    private func wrap(_ s: String, _ style: TerminalText.Style) -> String {
        let inner = TerminalText.unstyled(s)
        return enabled ? "\(style.rawValue)\(inner)\(TerminalText.Style.reset.rawValue)" : inner
    }
}
