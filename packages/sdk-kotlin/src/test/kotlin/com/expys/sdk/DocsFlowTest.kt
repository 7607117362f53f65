package com.expys.sdk

import com.expys.sdk.support.Sandbox
import com.expys.sdk.support.clientFor
import com.expys.sdk.support.test
import kotlinx.coroutines.flow.toList
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** The docs' flow against a real sandbox: list, read a page, walk every page, send. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocsFlowTest {
    private val sandbox = Sandbox()
    private val expys = clientFor(sandbox)

    @AfterAll
    fun close() {
        expys.close()
        sandbox.close()
    }

    @Test
    fun `lists the member's conversations as the sandbox stores them`() = test {
        val stored = sandbox.conversations()
        val conversations = expys.listConversations().conversations
        assertEquals(stored.map { it.jsonObject["id"]!!.jsonPrimitive.content }, conversations.map { it.id })
        val untitled = conversations.single { it.title == null }
        assertEquals("notifications", untitled.type)
        assertNull(conversations.last().lastMessageAt, "the empty conversation has no last message")
    }

    @Test
    fun `reads the newest page, oldest first, with a cursor to older messages`() = test {
        val stored = sandbox.messages().map { it.jsonObject["id"]!!.jsonPrimitive.content }
        val page = expys.listMessages(sandbox.conversationId, limit = 50, externalUserID = sandbox.externalUserID)
        assertEquals(stored.takeLast(50), page.messages.map { it.id })
        assertNotNull(page.nextCursor)
        val older = expys.listMessages(sandbox.conversationId, limit = 50, cursor = page.nextCursor)
        assertEquals(stored.dropLast(50).takeLast(50), older.messages.map { it.id })
    }

    @Test
    fun `walks every page as one flow of messages, fetching pages as it goes`() = test {
        val id = sandbox.createConversation("walker", messages = 125)
        val walker = clientFor(sandbox, token = sandbox.mintToken("walker"))
        walker.use {
            val all = it.listAllMessages(id, limit = 50).toList()
            val stored = sandbox.messages(id).map { message -> message.jsonObject["body"]!!.jsonPrimitive.content }
            // Newest page first, each page oldest first.
            assertEquals(stored.takeLast(50) + stored.dropLast(50).takeLast(50) + stored.take(25), all.map { message -> message.body })
            assertEquals(listOf(50, 50, 25), it.listMessagesPages(id, limit = 50).toList().map { page -> page.messages.size })
        }
    }

    @Test
    fun `sends a message once, and gives the request id of every result`() = test {
        val before = sandbox.messages().size
        val sent = expys.withResponse.sendMessage(sandbox.conversationId, "Hello from the SDK")
        assertTrue(sent.data.ok)
        assertNotNull(sent.requestId)
        assertEquals(200, sent.status)
        val after = sandbox.messages()
        assertEquals(before + 1, after.size)
        assertEquals("Hello from the SDK", after.last().jsonObject["body"]!!.jsonPrimitive.content)
        assertNotNull(expys.withResponse.listConversations().requestId)
    }
}
