// Retries and idempotency: tune retries, choose your own idempotency key, and
// see a repeated send replayed instead of posted twice. Run it: swift run retries

import Expys
import Foundation

let environment = ProcessInfo.processInfo.environment
guard let token = environment["EXPYS_MEMBER_TOKEN"], let conversationID = environment["EXPYS_CONVERSATION_ID"] else {
  fatalError("Set EXPYS_MEMBER_TOKEN and EXPYS_CONVERSATION_ID")
}

// #region client-options
let expys = try ExpysClient(
  environment: .sandbox,
  baseURL: environment["EXPYS_BASE_URL"],
  token: token,
  options: ClientOptions(
    maxRetries: 3,  // default 2, so 3 attempts in all; here 4
    timeout: .seconds(20),  // each attempt, the whole answer included; default 60 s
    backoff: Backoff(base: .milliseconds(500), cap: .seconds(10)),  // a random wait below min(cap, base × 2ⁿ)
    maxRetryAfter: .seconds(30)  // a longer Retry-After fails the call rather than hang it
  )
)
// #endregion client-options

// #region per-call
// A search box would rather fail fast than keep the user waiting on retries.
let quick = RequestOptions(maxRetries: 0, timeout: .seconds(5))
let conversations = try await expys.listConversations(options: quick).conversations
print("Listed \(conversations.count) conversations with retries off")
// #endregion per-call

// #region idempotency-key
// Keep the key with the unsent message (an outbox row, say), so a retry after an
// app restart reuses it and the API can recognise the repeat.
let outbox = (text: "Please add a note: it's our anniversary.", idempotencyKey: UUID().uuidString)

// `withResponse` gives the answer's headers and request id beside the result.
let first = try await expys.withResponse.sendMessage(conversationID, outbox.text, idempotencyKey: outbox.idempotencyKey)
print("First send: ok=\(first.value.ok), replayed=\(first.headers["idempotent-replayed"] ?? "false")")

// The same send again, as after a crash between sending and marking it sent.
let again = try await expys.withResponse.sendMessage(conversationID, outbox.text, idempotencyKey: outbox.idempotencyKey)
print("Same key again: ok=\(again.value.ok), replayed=\(again.headers["idempotent-replayed"] ?? "false")")
print("Request ids: \(first.requestID ?? "none") then \(again.requestID ?? "none")")
// #endregion idempotency-key

// #region count
let recent = try await expys.listMessages(conversationID, limit: 20).messages
let copies = recent.filter { $0.body == outbox.text }.count
print("The message is in the conversation \(copies) time(s)")
// #endregion count
