// The streamMessages example of the API reference: the request, then what it
// answered, printed as JSON. Run it: swift run streamMessages

import Expys
import Foundation

let environment = ProcessInfo.processInfo.environment
guard let token = environment["EXPYS_MEMBER_TOKEN"],
  let conversationID = environment["EXPYS_CONVERSATION_ID"]
else { fatalError("Set EXPYS_MEMBER_TOKEN and EXPYS_CONVERSATION_ID") }
let baseURL = environment["EXPYS_BASE_URL"]
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]

// #region request
let expys = try ExpysClient(
  environment: .sandbox, baseURL: baseURL, token: token)
for try await message in expys.streamMessages(conversationID) {
  print(String(decoding: try encoder.encode(message), as: UTF8.self))
  break  // leaving the loop closes the connection
}
// #endregion request
