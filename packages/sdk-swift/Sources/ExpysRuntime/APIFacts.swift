/// The facts of one API that generated code hands the runtime, so the runtime
/// itself names no code, header or interval of any API.
package struct APIFacts: Sendable {
  /// One documented error code: the status it comes with and whether repeating can pass.
  package struct ErrorCodeFact: Sendable {
    package let code: String
    package let status: Int
    package let retryable: Bool

    package init(code: String, status: Int, retryable: Bool) {
      self.code = code
      self.status = status
      self.retryable = retryable
    }
  }

  /// The error codes the API documents.
  package let errorCodes: [ErrorCodeFact]
  /// The code meaning "fetch a new token and repeat" (`token_expired`, say).
  package let tokenExpiredCode: String?
  /// The code meaning "a request with this idempotency key is still in flight; retry soon".
  package let inFlightCode: String?
  /// The response header carrying the server's request id.
  package let requestIDHeader: String?
  /// The request header that identifies the SDK to the server.
  package let clientHeader: String?

  package init(
    errorCodes: [ErrorCodeFact],
    tokenExpiredCode: String?,
    inFlightCode: String?,
    requestIDHeader: String?,
    clientHeader: String?
  ) {
    self.errorCodes = errorCodes
    self.tokenExpiredCode = tokenExpiredCode
    self.inFlightCode = inFlightCode
    self.requestIDHeader = requestIDHeader
    self.clientHeader = clientHeader
  }

  func fact(for code: String) -> ErrorCodeFact? {
    errorCodes.first { $0.code == code }
  }
}
