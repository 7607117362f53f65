/** This package's version, sent in the `X-Expys-Client` header. A test keeps it equal to package.json's. */
export const sdkVersion = "0.0.0";
