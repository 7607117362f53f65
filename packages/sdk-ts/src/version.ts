// Generated from package.json by scripts/write-version.ts (npm run generate). Do not edit by hand.

/** This package's version, sent in the `X-Expys-Client` header. */
export const sdkVersion = "0.0.0";
