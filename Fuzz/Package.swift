// swift-tools-version:6.0
// libFuzzer targets for Inquest's readers of hostile input (docs/robustness.md). A package of
// its own, so the normal build never compiles them; `scripts/fuzz TARGET SECONDS` builds
// them with `-sanitize=fuzzer,address` in .build-fuzz and runs one.
import PackageDescription

let core = Target.Dependency.product(name: "InquestCore", package: "Inquest")

let package = Package(
    name: "InquestFuzz",
    dependencies: [.package(name: "Inquest", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [core]),
        .executableTarget(name: "FuzzFrontMatter", dependencies: [core, "FuzzSupport"]),
        .executableTarget(name: "FuzzRecord", dependencies: [core, "FuzzSupport"]),
        .executableTarget(name: "FuzzMerge", dependencies: [core, "FuzzSupport"]),
        .executableTarget(name: "FuzzPolicy", dependencies: [core, "FuzzSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
