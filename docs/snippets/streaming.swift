// Streaming: show the recent backlog, then follow the conversation live, and
// stop after a few messages. Run it: swift run streaming

import Expys
import Foundation

let environment = ProcessInfo.processInfo.environment
guard let token = environment["EXPYS_MEMBER_TOKEN"],
  let conversationID = environment["EXPYS_CONVERSATION_ID"]
else { fatalError("Set EXPYS_MEMBER_TOKEN and EXPYS_CONVERSATION_ID") }

let expys = try ExpysClient(
  environment: .sandbox, baseURL: environment["EXPYS_BASE_URL"], token: token)

// #region backlog
// History comes from listMessages: the stream only carries what is posted
// from now on.
let backlog = try await expys.listMessages(conversationID, limit: 3).messages
for message in backlog {
  print("earlier  \(message.authorID): \(message.body ?? "(no text)")")
}
// #endregion backlog

// #region live
let wanted = 5
var received = 0
print("Listening for \(wanted) new messages...")
for try await message in expys.streamMessages(conversationID) {
  received += 1
  print("live     \(message.authorID): \(message.body ?? "(no text)")")
  // Leaving the loop closes the connection and cancels any pending reconnect.
  if received == wanted { break }
}
print("Stopped after \(received) live messages; the connection is closed.")
// #endregion live
