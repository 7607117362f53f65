import Foundation

/// The typed error for an error answer. Only the API's own error body (a JSON
/// object whose `code` is one the API documents) gives a taxonomy code, with
/// its message, request id and retryability. Any other body, such as a
/// proxy's HTML 409 or 502 page, is `"unknown"`: its status alone cannot say
/// which code the API would have meant, and a wrong `idempotency_conflict`
/// would make a caller drop a send that may pass. Such an answer is retryable
/// when its status says the server did not finish (408, 429, 5xx).
enum ErrorAnswer {
  static func failure(status: Int, headers: [String: String], body: Data, facts: APIFacts, secrets: Secrets) -> APIFailure {
    let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    let requestIDHeader = facts.requestIDHeader.flatMap { headers[$0.lowercased()] }
    guard let code = object["code"] as? String, let fact = facts.fact(for: code) else {
      return APIFailure(
        status: status,
        rawCode: "unknown",
        message: (300..<400).contains(status) ? "HTTP \(status): a redirect the client does not follow for this request" : "HTTP \(status)",
        requestID: requestIDHeader,
        retryable: status == 408 || status == 429 || status >= 500,
        param: nil,
        headers: secrets.redact(headers)
      )
    }
    return APIFailure(
      status: status,
      rawCode: fact.code,
      message: secrets.redact(object["message"] as? String ?? "HTTP \(status) (\(fact.code))"),
      requestID: object["requestId"] as? String ?? requestIDHeader,
      retryable: object["retryable"] as? Bool ?? fact.retryable,
      param: object["param"] as? String,
      headers: secrets.redact(headers)
    )
  }
}
