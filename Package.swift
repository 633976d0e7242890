// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Inquest",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "inquest", targets: ["inquest"]),
        .library(name: "InquestCore", targets: ["InquestCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        // In-process SSH signature verification (ed25519, ECDSA; RSA from _CryptoExtras).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        // The derived local index (system SQLite with FTS5; Debian: libsqlite3-dev).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // libgit2 from the system (Debian: libgit2-dev), found through pkg-config.
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // libgit2 kept to local use: the network initialisers replaced at link time (with the
        // static libgit2 that scripts/lib/static-libs.sh sets up) and libgit2's TLS refused.
        .target(name: "CGit2LocalOnly", dependencies: ["CGit2"]),
        // Safe Swift over libgit2. Knows blobs, trees, commits and refs; nothing of incidents.
        .target(name: "GitKit", dependencies: ["CGit2", "CGit2LocalOnly"],
                linkerSettings: [.unsafeFlags(["-Xlinker", "--wrap=git_mbedtls_stream_global_init",
                                               "-Xlinker", "--wrap=git_transport_ssh_global_init"],
                                              .when(platforms: [.linux]))]),
        // Records, formats, the store, policy. Never includes a libgit2 header.
        .target(name: "InquestCore", dependencies: [
            "GitKit",
            // For its copy of libyaml (module CYaml), which Format/YAMLReader reads events from;
            // Yams's own Swift reader is not used.
            .product(name: "Yams", package: "Yams"),
            // Markdown to HTML for the narrative sections of reports.
            .product(name: "Ink", package: "Ink"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Arguments and output; knows nothing about trees.
        .target(name: "InquestCLI", dependencies: [
            "InquestCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Release builds pack the executable's relative relocations (DT_RELR, glibc 2.36+): a
        // static-stdlib binary has about 90,000 of them, and applying them one by one at every
        // start cost more than `inquest --version` itself. The binary stays position-independent.
        // They also export no symbols (Sources/inquest/exports.map says why).
        .executableTarget(name: "inquest", dependencies: ["InquestCLI"], exclude: ["exports.map"],
                          linkerSettings: [.unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                                                         "-Xlinker", "--version-script=\(Context.packageDirectory)/Sources/inquest/exports.map"],
                                                        .when(platforms: [.linux], configuration: .release))]),
        // The benchmark harness (Benchmarks/README.md); not part of `swift test`.
        .executableTarget(name: "inquest-bench", dependencies: ["InquestCore", "GitKit"],
                          path: "Benchmarks/SyncBenchmark"),
        .target(name: "TestSupport", dependencies: [], path: "Tests/TestSupport"),
        .testTarget(name: "GitKitTests", dependencies: ["GitKit", "TestSupport"]),
        .testTarget(name: "InquestCoreTests", dependencies: [
            "InquestCore", "GitKit", "TestSupport",
            // To make SSH signatures that ssh-keygen must accept (SSHSignatureParsingTests).
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        .testTarget(name: "InquestCLITests", dependencies: ["InquestCLI", "InquestCore", "TestSupport", "inquest"]),
    ],
    swiftLanguageModes: [.v6]
)
