// Quickstart: list the member's conversations, read the latest one, reply.
// Run it against the sandbox (see docs/README.md): swift run quickstart

// #region program
// #region initialize
import Expys
import Foundation

// Your backend mints this member token from its Org-API-Key (see
// Authentication). The app only ever holds the short-lived token, never the
// key.
let environment = ProcessInfo.processInfo.environment
guard let token = environment["EXPYS_MEMBER_TOKEN"] else {
  fatalError("Set EXPYS_MEMBER_TOKEN to a member token from your backend")
}

// One client per app: it keeps one URLSession, so create it once and share it.
let expys = try ExpysClient(
  environment: .sandbox,
  baseURL: environment["EXPYS_BASE_URL"],  // nil: the environment's own URL
  token: token
)
// #endregion initialize

func main() async throws {
  // #region list
  let conversations = try await expys.listConversations().conversations
  print("\(conversations.count) conversations, most recently active first:")
  for conversation in conversations {
    print("  \(conversation.title ?? "(untitled)") [\(conversation.type)]")
  }
  // #endregion list

  guard let latest = conversations.first else {
    print("This member has no conversations yet.")
    return
  }

  // #region read
  // The first page holds the newest messages, oldest first, so it reads as a
  // transcript.
  let messages = try await expys.listMessages(latest.id, limit: 5).messages
  let title = latest.title ?? "(untitled)"
  print("The last \(messages.count) messages of \"\(title)\":")
  for message in messages {
    print("  \(message.authorID): \(message.body ?? "(no text)")")
  }
  // #endregion read

  // #region send
  // The SDK attaches an Idempotency-Key, so an automatic retry never posts
  // twice.
  let reply = "Hi! Can you book a table for Friday?"
  let sent = try await expys.sendMessage(latest.id, reply)
  print("Sent a reply: ok=\(sent.ok)")
  // #endregion send
}

// #region run
do {
  try await main()
} catch {
  // A failure ends the program with its message and a non-zero exit code.
  FileHandle.standardError.write(Data("\(error)\n".utf8))
  exit(1)
}
// #endregion run
// #endregion program
