/// Counts and articles for messages people read: "1 incident", "3 incidents", "an
/// incident", "a finding". One place, so no message says "1 incidents" or "a incident".

/// `count` and the noun, plural unless the count is exactly one.
/// The plural adds "s" unless `plural` names an irregular one.
public func plural(_ count: Int, _ noun: String, _ pluralForm: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : pluralForm ?? noun + "s")"
}

/// The noun with "a" or "an", by its first letter (good enough for the words Inquest uses:
/// incident, event, finding, follow-up, open, approved…).
public func withArticle(_ noun: String) -> String {
    guard let first = noun.lowercased().first else { return noun }
    return ("aeio".contains(first) ? "an " : "a ") + noun
}
