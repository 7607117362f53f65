import Expys
import Foundation

/// What the protocol reports about an error the SDK threw: its kind and its
/// own fields and message, unchanged.
enum ErrorReport {
  static func of(_ error: any Error) -> [String: Any] {
    guard let error = error as? ExpysError else {
      return ["kind": "other", "message": "\(error)", "name": "\(type(of: error))"]
    }
    var report: [String: Any] = ["message": error.message]
    switch error {
    case .api(let failure):
      report["kind"] = "api"
      report["status"] = failure.status
      report["code"] = failure.rawCode
      report["retryable"] = failure.retryable
      if let requestID = failure.requestID { report["requestId"] = requestID }
      report["name"] = "ExpysError.api"
    case .connection:
      (report["kind"], report["name"]) = ("connection", "ExpysError.connection")
    case .timeout:
      (report["kind"], report["name"]) = ("timeout", "ExpysError.timeout")
    case .cancelled:
      (report["kind"], report["name"]) = ("cancelled", "ExpysError.cancelled")
    case .invalidInput:
      (report["kind"], report["name"]) = ("invalid", "ExpysError.invalidInput")
    case .invalidResponse:
      (report["kind"], report["name"]) = ("other", "ExpysError.invalidResponse")
    case .tokenProvider:
      (report["kind"], report["name"]) = ("other", "ExpysError.tokenProvider")
    }
    return report
  }
}

/// A result as JSON with the API's field names: the models' own encoding.
func json(_ value: some Encodable) throws -> Any {
  try JSONSerialization.jsonObject(with: JSONEncoder().encode(value), options: .fragmentsAllowed)
}
