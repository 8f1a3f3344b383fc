// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "SwiftHouse",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "swifthouse", targets: ["swifthouse"]),
        .library(name: "SwiftHouse", targets: ["SwiftHouse"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
    ],
    targets: [
        // Shared vocabulary: error codes, data types, values.
        // (BigInt: the arithmetic and decimal text of 128- and 256-bit integers.)
        .target(name: "SHCore", dependencies: [.product(name: "BigInt", package: "BigInt")]),
        // In-memory columnar data.
        .target(name: "SHColumns", dependencies: ["SHCore"]),
        // System compression libraries.
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // The compressions of tar backups (`.tar.gz`, `.tar.xz` / `.tar.lzma`, `.tar.bz2`).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLzma", pkgConfig: "liblzma", providers: [.apt(["liblzma-dev"])]),
        .systemLibrary(name: "CBzip2", providers: [.apt(["libbz2-dev"])]),
        // Line editing and history for the interactive prompt.
        .systemLibrary(name: "CEditline", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // ClickHouse byte-level codecs: CityHash128, chained hashing, compressed blocks, VarUInt.
        .target(name: "SHCodecs", dependencies: ["SHCore", "CLZ4", "CZstd", "CZlib", "CLzma", "CBzip2"]),
        // The small XML reader and escaping shared by the manifest and the S3 client.
        .target(name: "SHXML", dependencies: ["SHCore"]),
        // SQL text → AST → canonical SQL text.
        .target(name: "SHSQL", dependencies: ["SHCore"]),
        // Input and output formats, byte-exact with ClickHouse.
        .target(name: "SHFormats", dependencies: ["SHCore", "SHColumns"]),
        // Tables on disk: MergeTree parts in ClickHouse's format, the catalog.
        // (SHExecution: the aggregate functions whose states AggregateFunction columns hold.)
        .target(
            name: "SHStorage", dependencies: ["SHCore", "SHColumns", "SHCodecs", "SHSQL", "SHFormats", "SHExecution"]),
        // Expressions, functions, aggregates, table functions (CPU only).
        .target(name: "SHExecution", dependencies: ["SHCore", "SHColumns", "SHFormats", "SHCodecs"]),
        // The blocking-I/O pool: file reads, writes, fsyncs and hashing of files off the cooperative pool.
        .target(name: "SHBlockingIO", dependencies: [.product(name: "NIOPosix", package: "swift-nio")]),
        // S3 client: SigV4, multipart, retries. Knows nothing about databases.
        .target(
            name: "SHS3",
            dependencies: [
                "SHCore", "SHXML", "SHBlockingIO",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // BACKUP and RESTORE: engines, manifest, pipeline, system.backups.
        .target(
            name: "SHBackup",
            dependencies: [
                "SHCore", "SHCodecs", "SHSQL", "SHStorage", "SHS3", "SHXML", "SHBlockingIO",
            ]),
        // `swifthouse backup`: list, inspect, verify, delete and unlock backups, with no server.
        .target(
            name: "SHBackupTools",
            dependencies: [
                "SHCore", "SHColumns", "SHCodecs", "SHFormats", "SHSQL", "SHStorage", "SHBackup", "SHEngine",
            ]),
        // Sessions, interpreters, system tables.
        .target(
            name: "SHEngine",
            dependencies: [
                "SHCore", "SHColumns", "SHCodecs", "SHSQL", "SHFormats", "SHStorage", "SHExecution", "SHBackup",
                "SHBlockingIO",
            ]),
        // `swifthouse server`: ClickHouse's HTTP interface over an engine (SwiftNIO's HTTP/1.1).
        .target(
            name: "SHServer",
            dependencies: [
                "SHCore", "SHCodecs", "SHSQL", "SHEngine", "SHXML",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // The embeddable library: re-exports the engine and the vocabulary its API uses.
        .target(
            name: "SwiftHouse",
            dependencies: ["SHEngine", "SHBackup", "SHColumns", "SHCore", "SHFormats", "SHSQL"]),
        // The executable: argument parsing and wiring only.
        // glibc's mmap threshold (C, because mallopt is not visible to Swift).
        .target(name: "CMallocTuning"),
        .executableTarget(
            name: "swifthouse",
            dependencies: [
                "SwiftHouse", "SHBackupTools", "SHServer", "CEditline", "CMallocTuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Fuzz targets (SQL parser, manifest parser, part reader) and their libFuzzer driver (scripts/fuzz.sh).
        .target(name: "SHFuzzTargets", dependencies: ["SHCore", "SHCodecs", "SHSQL", "SHStorage", "SHBackup"]),
        .executableTarget(name: "sh-fuzz", dependencies: ["SHFuzzTargets"]),
        // Benchmark of the S3 client alone against an endpoint (bench/bench.py compares it with boto3).
        .executableTarget(name: "sh-s3-bench", dependencies: ["SHS3"]),
        // Helpers for tests only (temporary directories, moto and chdb launchers).
        .target(name: "SHTestSupport", path: "Tests/SHTestSupport"),

        .testTarget(name: "SHCoreTests", dependencies: ["SHCore", "SHTestSupport"]),
        .testTarget(name: "SHCodecsTests", dependencies: ["SHCodecs", "SHCore", "SHTestSupport"]),
        .testTarget(name: "SHSQLTests", dependencies: ["SHSQL", "SHCore", "SHTestSupport"]),
        .testTarget(
            name: "SHFormatsTests", dependencies: ["SHFormats", "SHTestSupport", "SHColumns", "SHCore"]),
        .testTarget(
            name: "SHStorageTests",
            dependencies: ["SHStorage", "SHTestSupport", "SHCodecs", "SHColumns", "SHCore"]),
        .testTarget(name: "SHS3Tests", dependencies: ["SHS3", "SHXML", "SHCore", "SHTestSupport"]),
        .testTarget(name: "SHXMLTests", dependencies: ["SHXML", "SHCore"]),
        .testTarget(name: "SHColumnsTests", dependencies: ["SHColumns", "SHCore", "SHTestSupport"]),
        .testTarget(
            name: "SHExecutionTests",
            dependencies: ["SHExecution", "SHCodecs", "SHColumns", "SHCore", "SHFormats", "SHTestSupport"]),
        .testTarget(
            name: "SHBackupTests",
            dependencies: [
                "SHBackup", "SHS3", "SHStorage", "SHSQL", "SHColumns", "SHCodecs", "SHCore", "SHTestSupport",
            ]),
        .testTarget(
            name: "SHEngineTests",
            dependencies: [
                "SHEngine", "SHBackup", "SHBackupTools", "SHStorage", "SHColumns", "SHCodecs", "SHCore", "SHFormats",
                "SHSQL", "SHS3", "SHTestSupport",
            ]),
        .testTarget(name: "SHFuzzTargetsTests", dependencies: ["SHFuzzTargets", "SHTestSupport"]),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // A warning is an error: the build stays warning-free.
    settings.append(.treatAllWarnings(as: .error))
    target.swiftSettings = settings
}
