// Written from package.json by scripts/write-version.ts (npm run generate). Do not edit by hand.

/// This package's name, sent with its version in the client identification header.
package let sdkPackage = "@expys/sdk-swift"

/// This package's version.
public let sdkVersion = "0.0.0"
