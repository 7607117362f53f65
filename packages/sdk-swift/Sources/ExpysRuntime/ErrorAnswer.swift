import Foundation

/// The typed error for an error answer. Only a body that is the API's own
/// error (a JSON object whose `code` is a documented code) gives its code,
/// message and retryability; any other body (a proxy's HTML 409 page, say)
/// gets the code documented for the status, or `"unknown"`, and the status's
/// retryability.
enum ErrorAnswer {
  static func failure(status: Int, headers: [String: String], body: Data, facts: APIFacts, secrets: Secrets) -> APIFailure {
    let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    let declared = (object["code"] as? String).flatMap(facts.fact(for:))
    let fact = declared ?? facts.fact(forStatus: status)
    let own = declared != nil
    let requestID = (own ? object["requestId"] as? String : nil) ?? facts.requestIDHeader.flatMap { headers[$0.lowercased()] }
    let message = (own ? object["message"] as? String : nil) ?? "HTTP \(status)" + (fact.map { " (\($0.code))" } ?? "")
    let retryable = (own ? object["retryable"] as? Bool : nil) ?? fact?.retryable ?? (status == 408 || status == 429 || status >= 500)
    return APIFailure(
      status: status,
      rawCode: fact?.code ?? "unknown",
      message: secrets.redact(message),
      requestID: requestID,
      retryable: retryable,
      param: own ? object["param"] as? String : nil,
      headers: secrets.redact(headers)
    )
  }
}
