import Foundation
import FuzzSupport
import InquestCore

/// The policy reader (`.inquest/policy.yml`): any text either reads or is refused with an
/// error; it never crashes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: FuzzInput.data(bytes, size), as: UTF8.self) else { return 0 }
    _ = try? PolicyRules.parse(text)
    return 0
}

@_cdecl("FuzzPolicy_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzPolicy)
}
