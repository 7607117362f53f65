// swift-tools-version: 6.0
// Benchmarks of the Expys Swift SDK, each beside what a user would write
// instead: run `node bench/swift/run.ts` (it builds this package in release
// mode and starts a sandbox); see README.md.
import PackageDescription

let package = Package(
  name: "ExpysBench",
  platforms: [.macOS(.v13)],
  dependencies: [.package(path: "../../packages/sdk-swift")],
  targets: [
    .executableTarget(name: "ExpysBench", dependencies: [.product(name: "Expys", package: "sdk-swift")])
  ],
  swiftLanguageModes: [.v6]
)
