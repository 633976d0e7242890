import Foundation
import FuzzSupport
import InquestCore

/// The record reader, for every kind of record: never a crash, and a record it reads is
/// written canonically, read back equal, and written again to the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecord(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = FuzzInput.data(bytes, size)
    for (kind, path) in FuzzPaths.records {
        guard let record = try? AnyRecord(kind: kind, data: data, path: path) else { continue }
        let written = record.serialized()
        guard let again = try? AnyRecord(kind: kind, data: written, path: path) else {
            FuzzPaths.violated("the canonical form of an accepted \(kind) does not read back")
        }
        if again.serialized() != written { FuzzPaths.violated("writing a \(kind) is not stable") }
    }
    return 0
}

@_cdecl("FuzzRecord_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzRecord)
}
