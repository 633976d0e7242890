import CYaml

/// Reads YAML straight from libyaml's event stream into `YAMLValue`s, refusing what a
/// record never needs before it can cost anything.
///
/// Why not a YAML library's composer: it resolves aliases while composing (and hashes
/// keys that may be aliases), so nine lines of nested anchors expand to gigabytes before
/// any check of ours could run. Here each event is checked as it arrives: an anchor
/// (`&a`), an alias (`*a`), an explicit tag (`!x`, `!!str`, `%TAG`) or a merge key (`<<`)
/// stops the read at once, and so does nesting deeper than `maxDepth` or more than
/// `maxNodes` nodes. libyaml's parser keeps its state on the heap (no recursion), and so
/// does this reader, so hostile nesting cannot overflow the stack either. Quoted `&` or
/// `*` inside a value are text, as the tokenizer knows.
public enum YAMLReader {
    /// Why a text was refused: a sentence, the line (1-based in the text) and the top-level
    /// key being read when it is known.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int?
        public var key: String?
        public var message: String
        /// True when the text is not YAML at all; false when it is YAML that records refuse.
        public var isSyntaxError = false

        public var description: String { (line.map { "line \($0): " } ?? "") + message }
    }

    /// The document's root value (nil for an empty document). Mapping pairs carry the line
    /// their key was written on, counted from `firstLine` for the text's first line.
    public static func read(_ text: String, firstLine: Int = 1,
                            maxDepth: Int = RecordLimits.maxDepth,
                            maxNodes: Int = RecordLimits.maxNodes) throws(Failure) -> YAMLValue? {
        var bytes = Array(text.utf8)
        var result: Result<YAMLValue?, Failure> = .success(nil)
        bytes.withUnsafeMutableBufferPointer { buffer in
            var reader = EventReader(firstLine: firstLine, maxDepth: maxDepth, maxNodes: maxNodes)
            result = Result { () throws(Failure) -> YAMLValue? in try reader.run(buffer) }
        }
        return try result.get()
    }

    /// Checks a text without keeping what it holds, for callers that then hand the same
    /// text to another YAML reader (the policy's, which reports positions of values).
    public static func check(_ text: String) throws(Failure) {
        _ = try read(text)
    }
}

/// The state of one read: the stack of open lists and mappings.
private struct EventReader {
    let firstLine: Int
    let maxDepth: Int
    let maxNodes: Int

    /// An open list or mapping. A class, so a value is appended in place: a pattern
    /// binding on an enum payload would copy the array each time (quadratic on a long list).
    private final class Frame {
        let isList: Bool
        var items: [YAMLValue] = []
        var pairs: [YAMLPair] = []
        var keys = Set<String>()
        var pending: (key: String, line: Int)?
        init(isList: Bool) { self.isList = isList }
    }
    private var stack: [Frame] = []
    private var root: YAMLValue?
    private var nodes = 0
    private var documents = 0
    /// The top-level key whose value is being read, to name it in errors.
    private var topKey: String?

    init(firstLine: Int, maxDepth: Int, maxNodes: Int) {
        self.firstLine = firstLine
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    private func fail(_ line: Int?, _ message: String) -> YAMLReader.Failure {
        YAMLReader.Failure(line: line, key: topKey, message: message)
    }

    mutating func run(_ buffer: UnsafeMutableBufferPointer<UInt8>) throws(YAMLReader.Failure) -> YAMLValue? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw fail(nil, "out of memory reading YAML") }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError(parser) }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { break }
            try handle(event)
        }
        return root
    }

    private func syntaxError(_ parser: yaml_parser_t) -> YAMLReader.Failure {
        var message = parser.problem.map { String(cString: $0) } ?? "not valid YAML"
        if let context = parser.context { message += " (\(String(cString: context)))" }
        var failure = fail(firstLine + Int(parser.problem_mark.line), message)
        failure.isSyntaxError = true
        return failure
    }

    private mutating func handle(_ event: yaml_event_t) throws(YAMLReader.Failure) {
        let line = firstLine + Int(event.start_mark.line)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 { throw fail(line, "holds more than one YAML document") }
            let tags = event.data.document_start.tag_directives
            if tags.start != tags.end { throw fail(line, "YAML tag directives (%TAG) are not allowed") }
        case YAML_ALIAS_EVENT:
            throw fail(line, "YAML aliases (*name) are not allowed: write the value out")
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            try refuse(anchor: s.anchor, tag: s.tag, line: line)
            let text = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
            try count(line)
            try add(.scalar(text, plain: s.style == YAML_PLAIN_SCALAR_STYLE), line: line)
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            try refuse(anchor: s.anchor, tag: s.tag, line: line)
            try open(Frame(isList: true), line: line)
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            try refuse(anchor: m.anchor, tag: m.tag, line: line)
            try open(Frame(isList: false), line: line)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            try add(frame.isList ? .list(frame.items) : .map(frame.pairs), line: line)
        default:
            break // stream start, document end
        }
    }

    private func refuse(anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?,
                        line: Int) throws(YAMLReader.Failure) {
        if anchor != nil { throw fail(line, "YAML anchors (&name) are not allowed: write the value out") }
        if tag != nil { throw fail(line, "YAML tags (!name) are not allowed") }
    }

    private mutating func count(_ line: Int) throws(YAMLReader.Failure) {
        nodes += 1
        if nodes > maxNodes { throw fail(line, "has more than \(maxNodes) values (the limit)") }
    }

    private mutating func open(_ frame: Frame, line: Int) throws(YAMLReader.Failure) {
        try count(line)
        if stack.count >= maxDepth { throw fail(line, "nests lists and mappings deeper than \(maxDepth) levels (the limit)") }
        if let top = stack.last, !top.isList, top.pending == nil {
            throw fail(line, "keys must be plain words, not lists or mappings")
        }
        stack.append(frame)
    }

    private mutating func add(_ value: YAMLValue, line: Int) throws(YAMLReader.Failure) {
        guard let top = stack.last else {
            root = value
            return
        }
        if top.isList {
            top.items.append(value)
            return
        }
        if let pending = top.pending {
            top.pairs.append(YAMLPair(pending.key, value, line: pending.line))
            top.pending = nil
            if stack.count == 1 { topKey = nil }
            return
        }
        guard case .scalar(let key, let plain) = value else {
            throw fail(line, "keys must be plain words, not lists or mappings")
        }
        if plain && key == "<<" { throw fail(line, "YAML merge keys (<<) are not allowed: write the keys out") }
        if stack.count == 1 { topKey = key }
        guard top.keys.insert(key).inserted else { throw fail(line, "the key '\(key)' appears twice") }
        top.pending = (key, line)
    }
}
