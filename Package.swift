// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every Swift target: strict concurrency is already the default in
/// Swift 6 mode; these two make dependencies explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Handoff",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "handoff", targets: ["handoff"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        .systemLibrary(
            name: "CGMime",
            pkgConfig: "gmime-3.0",
            providers: [.apt(["libgmime-3.0-dev"])]
        ),
        .target(
            name: "HandoffCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HandoffConfig",
            dependencies: ["HandoffCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HandoffStore",
            dependencies: [
                "HandoffCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HandoffPackaging",
            dependencies: [
                "HandoffCore",
                "CArchive",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HandoffCurl",
            dependencies: ["CCurl", "HandoffCore"],
            swiftSettings: swiftSettings
        ),
        // The mail grammar: pure value types and encoders, no sockets, files or libcurl.
        .target(
            name: "HandoffMIME",
            dependencies: ["HandoffCore"],
            swiftSettings: swiftSettings
        ),
        // Inbound mail: GMime reads one raw message file; no pointer leaves the module.
        .target(
            name: "HandoffInbound",
            dependencies: [
                "CGMime", "HandoffCore", "HandoffMIME",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Parses the mail files named on its command line; the parse benchmark runs it.
        .executableTarget(
            name: "handoff-parse",
            dependencies: ["HandoffInbound", "HandoffCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HandoffMail",
            dependencies: [
                "HandoffCore", "HandoffMIME", "HandoffCurl",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HandoffLinks",
            dependencies: [
                "HandoffCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HandoffTime",
            dependencies: ["HandoffCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HandoffReceipts",
            dependencies: [
                "HandoffCore", "HandoffTime",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HandoffGateway",
            dependencies: [
                "HandoffCore", "HandoffConfig", "HandoffStore", "HandoffPackaging",
                "HandoffMIME", "HandoffInbound", "HandoffMail", "HandoffLinks", "HandoffTime", "HandoffReceipts",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The commands, in a library so that tests run them in-process (see Console).
        .target(
            name: "HandoffCLI",
            dependencies: [
                "HandoffCore", "HandoffConfig", "HandoffGateway", "HandoffStore", "HandoffPackaging",
                "HandoffTime", "HandoffReceipts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Thin: process set-up, then the command line's status as the exit status.
        .executableTarget(
            name: "handoff",
            dependencies: ["HandoffCLI", "HandoffCore"],
            swiftSettings: swiftSettings
        ),
        // Helpers several test targets share (a temporary-folder trait, a python runner, mail
        // fixtures, a seeded random generator).
        .target(name: "HandoffTestSupport", dependencies: ["HandoffCore", "HandoffMIME"], path: "Tests/HandoffTestSupport", swiftSettings: swiftSettings),
        // Runs the command line in-process with captured output, for the tests of commands.
        .target(
            name: "HandoffCLITesting",
            dependencies: ["HandoffCLI", "HandoffCore", .product(name: "Logging", package: "swift-log")],
            path: "Tests/HandoffCLITesting", swiftSettings: swiftSettings),
        .testTarget(name: "HandoffCoreTests", dependencies: ["HandoffCore", "HandoffTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "HandoffConfigTests", dependencies: ["HandoffConfig", "HandoffCore", "HandoffTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "HandoffStoreTests", dependencies: ["HandoffStore", "HandoffCore", "HandoffTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "HandoffPackagingTests", dependencies: ["HandoffPackaging", "HandoffCore", "CArchive", "HandoffTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HandoffTimeTests", dependencies: ["HandoffTime", "HandoffCore"], exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HandoffReceiptsTests",
            dependencies: [
                "HandoffReceipts", "HandoffTime", "HandoffCore", "HandoffGateway", "HandoffStore", "HandoffConfig",
                "HandoffMail", "HandoffTestSupport", "HandoffCLITesting",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HandoffInboundTests",
            dependencies: ["HandoffInbound", "HandoffCore", "HandoffTestSupport"],
            exclude: ["Corpus", "LibFuzzer"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "HandoffMIMETests", dependencies: ["HandoffMIME", "HandoffCore", "HandoffTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HandoffMailTests",
            dependencies: [
                "HandoffMail", "HandoffMIME", "HandoffCore", "HandoffCurl", "HandoffTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "HandoffGateway", "HandoffMIME", "HandoffMail", "HandoffCurl", "HandoffCore", "HandoffConfig", "HandoffStore",
                "HandoffTestSupport", "HandoffCLITesting",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HandoffGatewayTests",
            dependencies: [
                "HandoffGateway", "HandoffCore", "HandoffConfig", "HandoffStore", "HandoffPackaging", "HandoffMIME", "HandoffMail", "HandoffReceipts", "HandoffTestSupport",
                "HandoffCLITesting",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
