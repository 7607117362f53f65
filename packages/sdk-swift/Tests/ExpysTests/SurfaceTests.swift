import Expys
import Foundation
import Testing

/// The public surface as the README and the docs use it: if a signature or a
/// type changes, this file stops compiling, and the test target with it.
@Suite("The public surface")
struct SurfaceTests {
  @Test("errors are caught by code or by case, as the README shows")
  func typedCatch() async throws {
    let server = try TestServer { _, responder in
      responder.sendJSON(status: 429, text: #"{"code":"rate_limited","message":"slow down","requestId":"r1","retryable":true}"#, headers: [("Retry-After", "0")])
    }
    let expys = try server.client(options: ClientOptions(maxRetries: 0, logLevel: .off))
    var seen: [String] = []
    do {
      try await expys.sendMessage("c1", "text")
    } catch let error as ExpysError where error.code == .rateLimited {
      seen.append("rate limited: \(error.requestID ?? "")")
    } catch ExpysError.connection {
      seen.append("offline")
    }
    #expect(seen == ["rate limited: r1"])
  }

  @Test("results have the documented types")
  func types() async throws {
    let sandbox = try await Sandbox.start()
    let expys = try sandbox.client()
    let conversations: [Conversation] = try await expys.listConversations(externalUserID: sandbox.externalUserID).conversations
    let page: ListMessagesResponse = try await expys.listMessages(sandbox.conversationID, limit: 2, cursor: nil, externalUserID: nil)
    let cursor: String? = page.nextCursor
    let walk: Paginated<ListMessagesResponse, Message> = expys.listAllMessages(sandbox.conversationID, limit: 2)
    let stream: AsyncThrowingStream<Message, any Error> = expys.streamMessages(sandbox.conversationID)
    _ = stream
    var pages = 0
    for try await _ in walk.pages {
      pages += 1
      if pages == 2 { break }
    }
    let sent: SendMessageResponse = try await expys.sendMessage(sandbox.conversationID, "typed", idempotencyKey: UUID().uuidString)
    #expect(conversations.count == 4 && page.messages.count == 2 && cursor != nil && pages == 2 && sent.ok)
  }
}
