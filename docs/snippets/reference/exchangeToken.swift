// The exchangeToken example of the API reference: the request, then what it
// answered, printed as JSON. Run it: swift run exchangeToken

import ExpysServer
import Foundation

let environment = ProcessInfo.processInfo.environment
guard let orgAPIKey = environment["EXPYS_ORG_API_KEY"],
  let memberID = environment["EXPYS_EXTERNAL_USER_ID"]
else { fatalError("Set EXPYS_ORG_API_KEY and EXPYS_EXTERNAL_USER_ID") }
let baseURL = environment["EXPYS_BASE_URL"]

// #region request
// On your backend only: the org key must never ship in an app.
let server = try ExpysServerClient(
  environment: .sandbox, baseURL: baseURL, orgAPIKey: orgAPIKey)
let request = TokenExchangeRequest(externalUserID: memberID)
let minted = try await server.exchangeToken(request)
// #endregion request
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
print(String(decoding: try encoder.encode(minted), as: UTF8.self))
