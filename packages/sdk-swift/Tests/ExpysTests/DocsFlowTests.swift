import Expys
import Foundation
import Testing

@Suite("The docs' flow, against the sandbox")
struct DocsFlowTests {
  @Test("lists conversations, reads a page, walks every message, sends")
  func flow() async throws {
    let sandbox = try await Sandbox.start()
    let expys = try sandbox.client()
    defer { expys.close() }

    let listed = try await expys.listConversations(externalUserID: sandbox.externalUserID)
    let stored = try await sandbox.conversations(sandbox.externalUserID)
    #expect(listed.conversations.map(\.id) == stored.map { $0["id"] as! String })
    #expect(listed.conversations.contains { $0.title == nil })

    let all = try await sandbox.messages(sandbox.conversationID)
    let page = try await expys.listMessages(sandbox.conversationID, limit: 50)
    #expect(page.messages.map(\.id) == all.suffix(50).map { $0["id"] as! String })
    #expect(page.nextCursor != nil)

    var walked: [String] = []
    for try await message in expys.listAllMessages(sandbox.conversationID, limit: 50) { walked.append(message.id) }
    #expect(Set(walked) == Set(all.map { $0["id"] as! String }))
    #expect(walked.count == all.count)

    let sent = try await expys.sendMessage(sandbox.conversationID, "Hello from the SDK")
    #expect(sent.ok)
    let after = try await sandbox.messages(sandbox.conversationID)
    #expect(after.count == all.count + 1)
    #expect(after.last?["body"] as? String == "Hello from the SDK")
    #expect(expys.activity.isIdle)
  }
}
