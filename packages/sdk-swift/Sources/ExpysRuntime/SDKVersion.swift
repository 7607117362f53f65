// Written from package.json by scripts/write-version.ts (npm run generate). Do not edit by hand.

/// This package's name and version (the SDK sends both in its client identification header).
package let sdkPackage = "@expys/sdk-swift"
public let sdkVersion = "0.0.0"
