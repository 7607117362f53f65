package com.expys.sdk.runtime

import com.expys.sdk.ExpysCancelledException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import java.util.Base64

/** One way of authenticating; generated code makes one per security scheme a client holds. */
internal sealed class Credential {
    /** The header names this credential sends, which must never follow a redirect to another origin. */
    abstract val headerNames: List<String>
}

/**
 * A bearer token, fixed or from a provider. A provider is asked once and its token
 * reused until the API says it expired; then one new fetch is shared by every call
 * that saw the expired token. A failed fetch is not kept: the next call asks again.
 */
internal class BearerCredential(
    private val fixed: String?,
    private val provider: (suspend () -> String)?,
    private val scope: CoroutineScope,
    private val secrets: Secrets,
) : Credential() {
    override val headerNames: List<String> = listOf("Authorization")
    private val lock = Any()

    /** The token in use, once a fetch succeeded. */
    private var known: String? = null

    /** The fetch in progress, which every caller waiting for a token shares. */
    private var pending: Deferred<String>? = null

    init {
        secrets.add(fixed)
    }

    val canRefresh: Boolean get() = provider != null

    suspend fun token(): String {
        fixed?.let { return it }
        val fetch = synchronized(lock) {
            known?.let { return it }
            pending ?: scope.async {
                val token = provider!!()
                secrets.add(token)
                synchronized(lock) {
                    known = token
                    pending = null
                }
                token
            }.also { fetch ->
                pending = fetch
                // A failed fetch is forgotten, so the next call asks the provider again.
                fetch.invokeOnCompletion { failure ->
                    if (failure != null) synchronized(lock) { if (pending === fetch) pending = null }
                }
            }
        }
        return try {
            fetch.await()
        } catch (e: CancellationException) {
            // The shared fetch was cancelled by close(), not by this caller's own cancellation.
            currentCoroutineContext().ensureActive()
            throw ExpysCancelledException("the client was closed while fetching a token", e)
        }
    }

    /** Replaces [expired] (unless another call already did) and returns the new token. */
    suspend fun refresh(expired: String): String {
        synchronized(lock) { if (known == expired) known = null }
        return token()
    }

    fun authorization(token: String): String = "Bearer $token"
}

/** An API key sent in a header. */
internal class ApiKeyHeaderCredential(val name: String, val value: String, secrets: Secrets) : Credential() {
    override val headerNames: List<String> = listOf(name)

    init {
        secrets.add(value)
    }
}

/** HTTP basic credentials. */
internal class BasicCredential(username: String, password: String, secrets: Secrets) : Credential() {
    override val headerNames: List<String> = listOf("Authorization")
    val header: String = "Basic " + Base64.getEncoder().encodeToString("$username:$password".toByteArray())

    init {
        secrets.add(password)
        secrets.add(header.removePrefix("Basic "))
    }
}
