// The listConversations example of the API reference: the request, then what
// it answered, printed as JSON. Run it: swift run listConversations

import Expys
import Foundation

let environment = ProcessInfo.processInfo.environment
guard let token = environment["EXPYS_MEMBER_TOKEN"] else {
  fatalError("Set EXPYS_MEMBER_TOKEN")
}
let baseURL = environment["EXPYS_BASE_URL"]

// #region request
let expys = try ExpysClient(
  environment: .sandbox, baseURL: baseURL, token: token)
let response = try await expys.listConversations()
// #endregion request
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
print(String(decoding: try encoder.encode(response), as: UTF8.self))
