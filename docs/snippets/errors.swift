// Errors: every failure is an ExpysError; an API answer is `.api`, with a
// typed, stable `code`. Run it: swift run errors

// #region imports
import Expys  // ExpysError and the typed ErrorCode come with the SDK's module
// #endregion imports
import Foundation

let environment = ProcessInfo.processInfo.environment
guard let token = environment["EXPYS_MEMBER_TOKEN"],
  let conversationID = environment["EXPYS_CONVERSATION_ID"]
else { fatalError("Set EXPYS_MEMBER_TOKEN and EXPYS_CONVERSATION_ID") }

let expys = try ExpysClient(
  environment: .sandbox, baseURL: environment["EXPYS_BASE_URL"], token: token)

// #region describe
// Every method throws ExpysError and nothing else, so one
// `catch let error as ExpysError` covers a call.
func describe(_ error: ExpysError) -> String {
  switch error {
  case .api(let failure):
    // `code` is an enum: switch over the cases you handle.
    let status = failure.status
    switch failure.code {
    case .notFound:
      return "not found (\(status)): show \"this conversation is gone\""
    case .invalidRequest:
      return "invalid request (\(status)): fix \"\(failure.param ?? "?")\""
        + " in the code"
    case .forbidden:
      return "forbidden (\(status)): this token may not act for that member"
    default:
      // Everything else: log it with the request id, which support can look
      // up.
      return "\(failure.rawCode) (\(status)), retryable=\(failure.retryable),"
        + " request \(failure.requestID ?? "none")"
    }
  // No answer from the API at all. The SDK already retried where that was
  // safe.
  case .timeout: return "no answer in time"
  case .connection: return "network problem"
  case .cancelled: return "cancelled by the app"
  default: return "SDK error: \(error.message)"
  }
}
// #endregion describe

// #region not-found
do {
  _ = try await expys.listMessages("cnv_does_not_exist")
} catch let error as ExpysError {
  print(describe(error))
  // Quote the request id to support: it names this exact request in Expys's
  // logs.
  let requestID = error.requestID ?? "none"
  print("  requestId=\(requestID) retryable=\(error.retryable)")
}
// #endregion not-found

// #region invalid
do {
  // The API allows 1 to 100.
  _ = try await expys.listMessages(conversationID, limit: 500)
} catch let error as ExpysError {
  print(describe(error))
}
// #endregion invalid

// #region forbidden
do {
  // A member token acts for its own member only.
  _ = try await expys.listConversations(externalUserID: "someone-else")
} catch let error as ExpysError {
  print(describe(error))
}
// #endregion forbidden
