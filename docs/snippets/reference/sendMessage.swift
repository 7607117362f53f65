// The sendMessage example of the API reference: the request, then what it
// answered, printed as JSON. Run it: swift run sendMessage

import Expys
import Foundation

let environment = ProcessInfo.processInfo.environment
guard let token = environment["EXPYS_MEMBER_TOKEN"],
  let conversationID = environment["EXPYS_CONVERSATION_ID"]
else { fatalError("Set EXPYS_MEMBER_TOKEN and EXPYS_CONVERSATION_ID") }
let baseURL = environment["EXPYS_BASE_URL"]

// #region request
let expys = try ExpysClient(
  environment: .sandbox, baseURL: baseURL, token: token)
// The SDK sends an Idempotency-Key of its own; pass idempotencyKey: to
// choose it.
let text = "A table for two at 8pm, please."
let response = try await expys.sendMessage(conversationID, text)
// #endregion request
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
print(String(decoding: try encoder.encode(response), as: UTF8.self))
