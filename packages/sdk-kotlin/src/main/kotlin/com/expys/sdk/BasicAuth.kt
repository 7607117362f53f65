package com.expys.sdk

/** HTTP basic credentials, for an API that takes them. The password is never shown. */
public class BasicAuth(public val username: String, public val password: String) {
    override fun toString(): String = "BasicAuth(username=$username, password=[redacted])"
}
