// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "JointSupervision",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ZeroMQ", targets: ["ZeroMQ"]),
        .library(name: "SupervisionProtocol", targets: ["SupervisionProtocol"]),
        .library(name: "Supervision", targets: ["Supervision"]),
        .library(name: "SupervisionBus", targets: ["SupervisionBus"]),
        .library(name: "SupervisionAgent", targets: ["SupervisionAgent"]),
        .executable(name: "supervision-agent", targets: ["supervision-agent"]),
        .executable(name: "jointctl", targets: ["jointctl"]),
        .executable(name: "zmq-bench", targets: ["zmq-bench"]),
        .executable(name: "protocol-peer", targets: ["protocol-peer"]),
        .executable(name: "plan-bench", targets: ["plan-bench"]),
        .executable(name: "bus-bench", targets: ["bus-bench"]),
        .executable(name: "bus-sim", targets: ["bus-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // libzmq from Debian's libzmq3-dev; no pkg-config (see ../shared/FACTS.md).
        .systemLibrary(
            name: "CZeroMQ",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .target(
            name: "ZeroMQ",
            dependencies: ["CZeroMQ"]
        ),
        .target(
            name: "SupervisionProtocol",
            dependencies: [
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Generated/README.md"]
        ),
        .target(
            name: "Supervision",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto")
            ],
            resources: [
                .copy("Resources/scenarios"),
                .copy("Resources/rules"),
                .copy("Resources/calendars"),
            ]
        ),
        .target(
            name: "SupervisionBus",
            dependencies: [
                "ZeroMQ",
                "SupervisionProtocol",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "SupervisionBusTesting",
            dependencies: ["SupervisionBus", "SupervisionProtocol"]
        ),
        .target(
            name: "SupervisionAgent",
            dependencies: [
                "SupervisionBus",
                "Supervision",
                "SupervisionProtocol",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "supervision-agent",
            dependencies: [
                "SupervisionBus",
                "SupervisionAgent",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "jointctl",
            dependencies: [
                "Supervision",
                "SupervisionBus",
                "SupervisionAgent",
                "ZeroMQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "zmq-bench",
            dependencies: ["ZeroMQ", "CZeroMQ"]
        ),
        .executableTarget(
            name: "protocol-peer",
            dependencies: [
                "ZeroMQ",
                "SupervisionProtocol",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "plan-bench",
            dependencies: ["Supervision"]
        ),
        .executableTarget(
            name: "bus-bench",
            dependencies: [
                "SupervisionBus",
                "SupervisionBusTesting",
                "SupervisionProtocol",
                "ZeroMQ",
                "CZeroMQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "BusSimulation",
            dependencies: [
                "Supervision",
                "SupervisionAgent",
                "SupervisionBus",
                "SupervisionBusTesting",
                "SupervisionProtocol",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "bus-sim",
            dependencies: ["BusSimulation", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "BusSimulationTests", dependencies: ["BusSimulation", "SupervisionBus"]),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ", "CZeroMQ"]),
        .testTarget(
            name: "SupervisionProtocolTests",
            dependencies: [
                "SupervisionProtocol",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .testTarget(name: "SupervisionTests", dependencies: ["Supervision"]),
        .testTarget(
            name: "SupervisionBusTests",
            dependencies: ["SupervisionBus", "SupervisionBusTesting", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "SupervisionAgentTests",
            dependencies: [
                "SupervisionAgent", "SupervisionProtocol", "Supervision", "SupervisionBus", "SupervisionBusTesting",
            ]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "SupervisionBus", "SupervisionBusTesting", "SupervisionAgent", "Supervision", "SupervisionProtocol",
                "ZeroMQ",
            ]
        ),
    ]
)

// Strict settings for every target, as swift-log does.
for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    // Require `any` for existential types.
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // Imports must be explicit in the file that uses a member.
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
