// Conversations: list them with their optional fields, read one as a
// transcript, and post to it. Run it: swift run conversations

import Expys
import Foundation

let environment = ProcessInfo.processInfo.environment
guard let token = environment["EXPYS_MEMBER_TOKEN"],
  let memberID = environment["EXPYS_EXTERNAL_USER_ID"]
else { fatalError("Set EXPYS_MEMBER_TOKEN and EXPYS_EXTERNAL_USER_ID") }

let expys = try ExpysClient(
  environment: .sandbox, baseURL: environment["EXPYS_BASE_URL"], token: token)

// #region list
// `title` and `lastMessageAt` are always there but may be nil: say so in the
// UI.
func summary(_ conversation: Conversation) -> String {
  let title = conversation.title ?? "Untitled"
  let last = conversation.lastMessageAt ?? "no messages yet"
  return "\(title) (\(conversation.type)), last activity: \(last)"
}

let conversations = try await expys.listConversations().conversations
for conversation in conversations { print(summary(conversation)) }
// #endregion list

// #region read
// authorID is the member's own id on their messages; anything else is the
// concierge.
func line(_ message: Message) -> String {
  let who = message.authorID == memberID ? "you" : "concierge"
  // A message without text (a system event, say) still has a type to show.
  return "\(who): \(message.body ?? "[\(message.type)]")"
}

let booking = conversations.first { $0.type == "booking" }
if let booking {
  let messages = try await expys.listMessages(booking.id).messages
  let title = booking.title ?? "Untitled"
  print("Transcript of \"\(title)\", \(messages.count) messages:")
  for message in messages { print("  \(line(message))") }
}
// #endregion read

// #region send
if let booking {
  // The conversation and the text are positional; labels come after them.
  let sent = try await expys.sendMessage(booking.id, "Could we move it to 8pm?")
  print("Posted to \"\(booking.title ?? "Untitled")\": ok=\(sent.ok)")
}
// #endregion send
