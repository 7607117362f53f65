// Generated from package.json by scripts/write-version.ts (npm run generate). Do not edit by hand.

/** This package's version. */
export const sdkVersion = "0.0.0";

/** What the SDK names itself in the API's client header (`X-Expys-Client`): its package name and version. */
export const sdkClient = "@expys/sdk/0.0.0";
