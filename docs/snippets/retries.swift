// Retries and idempotency: tune retries, choose your own idempotency key, and
// see a repeated send replayed instead of posted twice.
// Run it: swift run retries

import Expys
import Foundation

let environment = ProcessInfo.processInfo.environment
guard let token = environment["EXPYS_MEMBER_TOKEN"],
  let conversationID = environment["EXPYS_CONVERSATION_ID"]
else { fatalError("Set EXPYS_MEMBER_TOKEN and EXPYS_CONVERSATION_ID") }

// #region client-options
let expys = try ExpysClient(
  environment: .sandbox,
  baseURL: environment["EXPYS_BASE_URL"],
  token: token,
  options: ClientOptions(
    // Default 2, so 3 attempts in all; here 4.
    maxRetries: 3,
    // Each attempt, the whole answer included; default 60 s.
    timeout: .seconds(20),
    // Full jitter: a random wait below min(cap, base × 2ⁿ).
    backoff: Backoff(base: .milliseconds(500), cap: .seconds(10)),
    // A longer Retry-After fails the call rather than hang it.
    maxRetryAfter: .seconds(30)
  )
)
// #endregion client-options

// #region per-call
// A search box would rather fail fast than keep the user waiting on retries.
let quick = RequestOptions(maxRetries: 0, timeout: .seconds(5))
let listed = try await expys.listConversations(options: quick)
print("Listed \(listed.conversations.count) conversations with retries off")
// #endregion per-call

// #region idempotency-key
// Keep the key with the unsent message (an outbox row, say), so a retry
// after an app restart reuses it and the API can recognise the repeat.
let text = "Please add a note: it's our anniversary."
let key = UUID().uuidString

// `withResponse` gives the answer's headers and request id beside the result.
let first = try await expys.withResponse.sendMessage(
  conversationID, text, idempotencyKey: key)
let firstReplayed = first.headers["idempotent-replayed"] ?? "false"
print("First send: ok=\(first.value.ok), replayed=\(firstReplayed)")

// The same send again, as after a crash between sending and marking it sent.
let again = try await expys.withResponse.sendMessage(
  conversationID, text, idempotencyKey: key)
let againReplayed = again.headers["idempotent-replayed"] ?? "false"
print("Same key again: ok=\(again.value.ok), replayed=\(againReplayed)")
print(
  "Request ids: \(first.requestID ?? "none")"
    + " then \(again.requestID ?? "none")")
// #endregion idempotency-key

// #region count
let recent = try await expys.listMessages(conversationID, limit: 20)
let copies = recent.messages.filter { $0.body == text }.count
print("The message is in the conversation \(copies) time(s)")
// #endregion count
