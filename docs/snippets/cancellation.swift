// Cancellation and timeouts: cancel a call the user no longer needs, bound
// how long a call may take, and stop a stream from outside its loop.
// Run it: swift run cancellation

import Expys
import Foundation

let environment = ProcessInfo.processInfo.environment
guard let token = environment["EXPYS_MEMBER_TOKEN"],
  let conversationID = environment["EXPYS_CONVERSATION_ID"]
else { fatalError("Set EXPYS_MEMBER_TOKEN and EXPYS_CONVERSATION_ID") }

let expys = try ExpysClient(
  environment: .sandbox, baseURL: environment["EXPYS_BASE_URL"], token: token)

// #region abort-call
// The user opened a thread, then left it before the history arrived:
// cancelling the task cancels the call, its request and any retry wait.
let history = Task { try await expys.listMessages(conversationID) }
history.cancel()
do {
  _ = try await history.value
} catch ExpysError.cancelled {
  print("Loading the history was cancelled")
}
// #endregion abort-call

// #region timeout
// Give up after 2 s and no retries, and show what is already on screen
// instead.
let patience = RequestOptions(maxRetries: 0, timeout: .seconds(2))
do {
  let answered = try await expys.listConversations(options: patience)
  print("Answered in time: \(answered.conversations.count) conversations")
} catch ExpysError.timeout {
  print("No answer within 2 s; keeping the cached list")
}
// #endregion timeout

// #region stop-stream
// A screen that follows the conversation until it closes. Cancelling its
// task stops the stream, even while it waits for the next message.
let screen = Task {
  var shown = 0
  for try await message in expys.streamMessages(conversationID) {
    shown += 1
    print("live: \(message.body ?? "(no text)")")
  }
  return shown
}
// Stands in for the user closing the screen.
try await Task.sleep(for: .milliseconds(1500))
screen.cancel()
let shown = try await screen.value
print("Screen closed after \(shown) live message(s); the stream is closed")
// #endregion stop-stream
