import Foundation
import FuzzSupport
import InquestCore

/// The front-matter reader: any text between the `---` lines. It must never crash, and
/// whatever it accepts must be written back canonically and read back the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = FuzzInput.data(bytes, size)
    guard let text = String(validating: data, as: UTF8.self) else { return 0 }
    _ = try? YAMLReader.read(text)
    let file = Data(("---\n" + text + "\n---\n").utf8)
    guard let parsed = try? RecordFile.parse(file, path: "fuzz.md") else { return 0 }
    let written = parsed.serialized()
    guard let again = try? RecordFile.parse(written, path: "fuzz.md") else {
        FuzzPaths.violated("the canonical form of accepted front matter does not read back")
    }
    if getenv("FUZZ_DEBUG") != nil {
        FileHandle.standardError.write(Data("\(parsed.frontMatter)\n\(String(decoding: written, as: UTF8.self))\n\(again.frontMatter)\n".utf8))
    }
    if !sameData(again.frontMatter, parsed.frontMatter) { FuzzPaths.violated("front matter changed on a round trip") }
    if again.serialized() != written { FuzzPaths.violated("writing is not stable") }
    return 0
}

@_cdecl("FuzzFrontMatter_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzFrontMatter)
}
