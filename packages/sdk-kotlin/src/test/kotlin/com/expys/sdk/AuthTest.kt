package com.expys.sdk

import com.expys.sdk.support.Sandbox
import com.expys.sdk.support.clientFor
import com.expys.sdk.support.test
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.time.Duration.Companion.milliseconds

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthTest {
    private val sandbox = Sandbox()

    @AfterAll
    fun close() = sandbox.close()

    private fun providerClient(provider: suspend () -> String) =
        ExpysClient(tokenProvider = provider, environment = Environment.SANDBOX, baseUrl = sandbox.baseUrl, options = ClientOptions(logLevel = LogLevel.OFF))

    @Test
    fun `a provider is asked once, and once more for every call that saw its token expire`() = test {
        val asked = AtomicInteger()
        providerClient {
            delay(50.milliseconds) // slow enough that every concurrent call waits on the same fetch
            if (asked.incrementAndGet() == 1) sandbox.mintToken(ttlMs = 0) else sandbox.mintToken()
        }.use { expys ->
            val results = (1..20).map { async { expys.listConversations().conversations.size } }.awaitAll()
            assertEquals(List(20) { 4 }, results)
            assertEquals(2, asked.get(), "one first fetch, one refresh shared by all twenty calls")
            expys.listConversations()
            assertEquals(2, asked.get(), "the new token is reused")
        }
    }

    @Test
    fun `a provider that keeps handing out expired tokens ends the call with token_expired`() = test {
        val asked = AtomicInteger()
        providerClient { asked.incrementAndGet(); sandbox.mintToken(ttlMs = 0) }.use { expys ->
            val error = assertFailsWith<ExpysApiException> { expys.listConversations() }
            assertEquals(ErrorCode.TOKEN_EXPIRED, error.code)
            assertEquals(2, asked.get())
        }
    }

    @Test
    fun `a fixed token that expired is reported, not retried`() = test {
        clientFor(sandbox, token = sandbox.mintToken(ttlMs = 0)).use { expys ->
            val error = assertFailsWith<ExpysApiException> { expys.listConversations() }
            assertEquals(ErrorCode.TOKEN_EXPIRED, error.code)
            assertEquals(401, error.status)
        }
    }

    @Test
    fun `a failing provider is not cached, and its own exception reaches the caller`() = test {
        val asked = AtomicInteger()
        providerClient { if (asked.incrementAndGet() == 1) throw IllegalStateException("backend down") else sandbox.mintToken() }.use { expys ->
            assertEquals("backend down", assertFailsWith<IllegalStateException> { expys.listConversations() }.message)
            assertEquals(4, expys.listConversations().conversations.size)
            assertEquals(2, asked.get())
        }
    }

    @Test
    fun `the server client exchanges the org key for a member token the app client can use`() = test {
        ExpysServerClient(orgApiKey = sandbox.orgApiKey, environment = Environment.SANDBOX, baseUrl = sandbox.baseUrl).use { server ->
            val minted = server.exchangeToken(TokenExchangeRequest(externalUserID = sandbox.externalUserID))
            assertEquals(TokenKind.MEMBER, minted.kind)
            assertEquals(sandbox.externalUserID, minted.externalUserID)
            assertEquals(900, minted.expiresIn)
            clientFor(sandbox, token = minted.token).use { assertEquals(4, it.listConversations().conversations.size) }
            val machine = server.exchangeToken()
            assertEquals(TokenKind.MACHINE, machine.kind)
            assertNull(machine.externalUserID)
        }
    }

    @Test
    fun `a wrong org key is unauthorized and never shown`() = test {
        ExpysServerClient(orgApiKey = "sbx_org_wrong_key_123", environment = Environment.SANDBOX, baseUrl = sandbox.baseUrl).use { server ->
            val error = assertFailsWith<ExpysApiException> { server.exchangeToken() }
            assertEquals(ErrorCode.UNAUTHORIZED, error.code)
            assertEquals(false, error.message!!.contains("sbx_org_wrong_key_123"))
        }
    }
}
