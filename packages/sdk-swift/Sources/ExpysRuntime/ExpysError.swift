import Foundation

/// Every error the SDK throws. Switch on the case, or read the properties,
/// which every case answers.
///
/// ```swift
/// do {
///   try await expys.sendMessage(id, text)
/// } catch let error as ExpysError where error.code == .rateLimited {
///   showSlowDown()
/// }
/// ```
///
/// No error's text contains a token or key: the client blanks every credential
/// it holds out of messages and headers.
public enum ExpysError: Error, Sendable {
  /// The API answered with an error status.
  case api(APIFailure)
  /// The request got no answer: the connection failed or was lost. The message
  /// names the host and the cause (connection refused, host not found, TLS).
  case connection(message: String, cause: URLError?)
  /// No whole answer arrived within the call's timeout.
  case timeout(message: String)
  /// The caller cancelled the task, or closed the client, before the answer.
  case cancelled
  /// The SDK refused to send: a bad argument, header value or option. Nothing was sent.
  case invalidInput(message: String)
  /// The token provider threw instead of returning a token; nothing was sent.
  case tokenProvider(cause: any Error)
  /// An answer the API does not give: a success whose body is not what the
  /// spec describes, or a stream event over the size limit.
  case invalidResponse(message: String)

  /// The HTTP status of an API error; `nil` otherwise.
  public var status: Int? {
    if case .api(let failure) = self { failure.status } else { nil }
  }

  /// The API's code, as it spelled it, of an API error; `nil` otherwise.
  /// The generated `code` property gives it typed.
  public var rawCode: String? {
    if case .api(let failure) = self { failure.rawCode } else { nil }
  }

  /// The server's id for the request (quote it to support), when it answered.
  public var requestID: String? {
    if case .api(let failure) = self { failure.requestID } else { nil }
  }

  /// Whether repeating the identical call can succeed: the API says so for its
  /// errors; a lost connection or a timeout may pass; the rest will not.
  public var retryable: Bool {
    switch self {
    case .api(let failure): failure.retryable
    case .connection, .timeout: true
    case .cancelled, .invalidInput, .invalidResponse, .tokenProvider: false
    }
  }

  /// The response headers of an API error (names in lower case, credentials
  /// blanked); empty otherwise.
  public var headers: [String: String] {
    if case .api(let failure) = self { failure.headers } else { [:] }
  }

  /// What went wrong, for people and logs.
  public var message: String {
    switch self {
    case .api(let failure): failure.message
    case .connection(let message, _), .timeout(let message), .invalidInput(let message), .invalidResponse(let message): message
    case .cancelled: "cancelled"
    case .tokenProvider(let cause): "the token provider failed: \(cause)"
    }
  }
}

extension ExpysError: CustomStringConvertible, LocalizedError {
  public var description: String {
    switch self {
    case .api(let failure): "ExpysError.api(\(failure))"
    case .connection: "ExpysError.connection: \(message)"
    case .timeout: "ExpysError.timeout: \(message)"
    case .cancelled: "ExpysError.cancelled"
    case .invalidInput: "ExpysError.invalidInput: \(message)"
    case .invalidResponse: "ExpysError.invalidResponse: \(message)"
    case .tokenProvider: "ExpysError.tokenProvider: \(message)"
    }
  }

  public var errorDescription: String? { description }
}

/// What an error answer of the API carried.
public struct APIFailure: Sendable, CustomStringConvertible {
  /// The HTTP status.
  public let status: Int
  /// The stable reason as the API spelled it, or `"unknown"` for an answer
  /// from outside the API (a proxy's 502 page) whose status maps to no code.
  public let rawCode: String
  /// A human-readable explanation; its wording may change, so branch on the code.
  public let message: String
  /// The server's id for the request; quote it to support.
  public let requestID: String?
  /// Whether repeating the identical call can succeed, after `Retry-After` when there is one.
  public let retryable: Bool
  /// The parameter or body field the error is about, when there is one.
  public let param: String?
  /// The response headers, names in lower case, credentials blanked.
  public let headers: [String: String]

  public var description: String {
    "\(status) \(rawCode): \(message)" + (requestID.map { " (request \($0))" } ?? "")
  }
}
