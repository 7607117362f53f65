// Quickstart: list the member's conversations, read the latest one, reply.
// Run it against the sandbox (see docs/README.md): swift run quickstart

// #region initialize
import Expys
import Foundation

// Your backend mints this member token from its Org-API-Key (see Authentication).
// The app only ever holds the short-lived token, never the key.
guard let token = ProcessInfo.processInfo.environment["EXPYS_MEMBER_TOKEN"] else {
  fatalError("Set EXPYS_MEMBER_TOKEN to a member token from your backend")
}

// One client per app: it keeps one URLSession, so create it once and share it.
let expys = try ExpysClient(
  environment: .sandbox,
  baseURL: ProcessInfo.processInfo.environment["EXPYS_BASE_URL"],  // nil: the environment's own URL
  token: token
)
// #endregion initialize

// #region list
let conversations = try await expys.listConversations().conversations
print("\(conversations.count) conversations, most recently active first:")
for conversation in conversations {
  print("  \(conversation.title ?? "(untitled)") [\(conversation.type)]")
}
// #endregion list

guard let latest = conversations.first else { fatalError("this member has no conversations yet") }

// #region read
// The first page holds the newest messages, oldest first, so it reads as a transcript.
let messages = try await expys.listMessages(latest.id, limit: 5).messages
print("The last \(messages.count) messages of \"\(latest.title ?? "(untitled)")\":")
for message in messages {
  print("  \(message.authorID): \(message.body ?? "(no text)")")
}
// #endregion read

// #region send
// The SDK attaches an Idempotency-Key, so an automatic retry never posts twice.
let sent = try await expys.sendMessage(latest.id, "Hi! Can you book a table for Friday?")
print("Sent a reply: ok=\(sent.ok)")
// #endregion send
