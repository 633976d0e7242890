import Foundation
import FuzzSupport
import InquestCore

/// The three-way record merge (what `sync` and the merge driver run): the input is
/// BASE, OURS and THEIRS separated by NUL bytes; the first byte picks the record kind.
/// Never a crash, and when both sides are readable records the result is one too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMerge(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let data = FuzzInput.data(bytes, size)
    let (kind, path) = FuzzPaths.records[Int(data[data.startIndex]) % FuzzPaths.records.count]
    let parts = FuzzInput.split(data.dropFirst(), into: 3)
    let base = parts[0].isEmpty ? nil : parts[0]
    let result = FileMerge.merge(path: path, base: base, ours: parts[1], theirs: parts[2])
    let readable = { (d: Data) in (try? AnyRecord(kind: kind, data: d, path: path)) != nil }
    if readable(parts[1]), readable(parts[2]), result.merged {
        guard let merged = result.data, readable(merged) else {
            FuzzPaths.violated("merging two readable \(kind) records gave an unreadable one")
        }
    }
    return 0
}

@_cdecl("FuzzMerge_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzMerge)
}
