// swift-tools-version: 6.0
// The Expys Swift SDK. `Expys` is the app client and `ExpysServer` the
// server-side token exchange; both are generated (Sources/Expys,
// Sources/ExpysServer) over the hand-written runtime in Sources/ExpysRuntime.
import PackageDescription

let package = Package(
  name: "Expys",
  platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9), .visionOS(.v1)],
  products: [
    .library(name: "Expys", targets: ["Expys"]),
    .library(name: "ExpysServer", targets: ["ExpysServer"]),
  ],
  targets: [
    .target(name: "ExpysRuntime"),
    .target(name: "Expys", dependencies: ["ExpysRuntime"]),
    .target(name: "ExpysServer", dependencies: ["Expys", "ExpysRuntime"]),
    // Not products: a loopback HTTP server on sockets (Foundation has none on
    // Linux) for the conformance service and the tests.
    .target(name: "LoopbackHTTP"),
    .executableTarget(name: "ExpysConformance", dependencies: ["Expys", "LoopbackHTTP"]),
    .testTarget(name: "ExpysTests", dependencies: ["Expys", "ExpysServer", "ExpysRuntime", "LoopbackHTTP"]),
  ],
  swiftLanguageModes: [.v6]
)
