// The listMessages example of the API reference: the request, then what it
// answered, printed as JSON. Run it: swift run listMessages

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
let page = try await expys.listMessages(conversationID, limit: 2)
// #endregion request
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
print(String(decoding: try encoder.encode(page), as: UTF8.self))
