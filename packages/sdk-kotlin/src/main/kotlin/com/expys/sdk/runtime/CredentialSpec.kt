package com.expys.sdk.runtime

/** A credential as generated code describes it from a client's options; the runtime makes the live [Credential]. */
internal sealed class CredentialSpec {
    /** A bearer token: a fixed one, or a provider asked again when the API says the token expired. */
    class Bearer(val token: String?, val provider: (suspend () -> String)?) : CredentialSpec()

    /** An API key in the header [name]. */
    class ApiKeyHeader(val name: String, val value: String) : CredentialSpec()

    /** HTTP basic credentials. */
    class Basic(val username: String, val password: String) : CredentialSpec()
}
