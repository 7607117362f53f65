// Written from package.json by scripts/sync-version.mjs (npm run generate). Do not edit by hand.
package com.expys.sdk

/** This SDK's version, sent in the API's client-identification header. */
public const val SDK_VERSION: String = "0.0.0"
