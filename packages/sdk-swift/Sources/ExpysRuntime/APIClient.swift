import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The runtime behind one generated client: it sends operations with the
/// client's credentials, retries, timeouts and logging, and knows of the API
/// only the facts generated code gives it.
package final class APIClient: Sendable {
  let baseURL: String
  let facts: APIFacts
  let options: ClientOptions
  let credentials: [String: Credential]
  let security: [[String]]
  let secrets = Secrets()
  let log: Log
  let transport = Transport()
  /// Streams being consumed, and retry or reconnect waits in progress.
  let running = Locked((streams: 0, waits: 0))
  /// Call timeouts and stream idle watchdogs.
  let deadlines = Deadlines()

  /// - Throws: ``ExpysError/invalidInput(message:)`` for a bad base URL or option.
  package init(baseURL: String, facts: APIFacts, credentials: [String: Credential?], security: [[String]], options: ClientOptions) throws(ExpysError) {
    guard options.maxRetries >= 0 else { throw .invalidInput(message: "maxRetries must be 0 or more, not \(options.maxRetries)") }
    guard options.timeout > .zero else { throw .invalidInput(message: "timeout must be more than zero") }
    guard options.maxRetryAfter >= .zero else { throw .invalidInput(message: "maxRetryAfter must not be negative") }
    guard options.backoff.base >= .zero, options.backoff.cap >= .zero else { throw .invalidInput(message: "backoff base and cap must not be negative") }
    self.baseURL = try RequestURL.validatedBase(baseURL, secrets: secrets)
    self.facts = facts
    self.options = options
    self.credentials = credentials.compactMapValues { $0 }
    self.security = security
    log = Log(handler: options.logger, level: options.logLevel, secrets: secrets)
    for credential in self.credentials.values {
      switch credential {
      case .apiKeyHeader(_, let value), .apiKeyQuery(_, let value), .apiKeyCookie(_, let value): secrets.add(value)
      case .basic(_, let password): secrets.add(password)
      case .bearer: break
      }
    }
    var headers: [String: (name: String, value: String)] = [:]
    for (name, value) in options.headers {
      try HeaderValue.check(name: name, value: value)
      headers[name.lowercased()] = (name, value)
    }
    if let header = facts.clientHeader { headers[header.lowercased()] = (header, Self.clientName) }
    baseHeaders = headers
  }

  deinit {
    transport.release()
  }

  /// Cancels everything in flight and refuses later calls.
  package func close() {
    transport.close()
  }

  package var activity: ClientActivity {
    let (streams, waits) = running.withLock { ($0.streams, $0.waits) }
    return ClientActivity(openRequests: transport.openExchanges, openStreams: streams, timers: waits + deadlines.count)
  }

  /// The credential headers a redirect to another origin must not carry.
  var credentialHeaders: Set<String> {
    Set(credentials.values.compactMap(\.headerName))
  }

  /// A request ready to send, and the bearer token it carries, if any.
  struct Prepared {
    var request: URLRequest
    var token: String?
    var store: TokenStore?
  }

  /// The headers of every request, by lower-case name: the client's own and its identification.
  let baseHeaders: [String: (name: String, value: String)]
  /// The last bearer token checked, so a token is checked once, not per call.
  let checkedToken = Locked("")

  /// The client's, the call's and the operation's headers (later ones win),
  /// then the credentials of the first security alternative the client can
  /// satisfy. Every value the caller or a token provider chose is checked
  /// before anything is sent; the client's own headers were checked when it
  /// was made, and a token is checked once, not on every call.
  /// `extraHeaders` are the runtime's own (a stream's `Last-Event-ID` is the
  /// server's id, which HTML says to send as UTF-8 whatever it holds).
  func prepare(_ operation: OperationRequest, _ call: RequestOptions?, body: (Data, String)?, extraHeaders: [(String, String)] = []) async throws(ExpysError) -> Prepared {
    var headers = baseHeaders
    for (name, value) in call?.headers ?? [:] {
      try HeaderValue.check(name: name, value: value)
      headers[name.lowercased()] = (name, value)
    }
    for parameter in operation.headers {
      guard let value = parameter.value.flatMap({ ParameterValue.text($0, explode: parameter.explode) }) else { continue }
      try HeaderValue.check(name: parameter.name, value: value)
      headers[parameter.name.lowercased()] = (parameter.name, value)
    }
    var cookies = operation.cookies.flatMap(ParameterValue.pairs).map { "\($0.0)=\(RequestURL.percentEncoded($0.1))" }
    for (name, value) in extraHeaders { headers[name.lowercased()] = (name, value) }
    var query: [(String, String)] = []
    var token: String?
    var store: TokenStore?
    let alternatives = operation.security ?? security
    for scheme in alternatives.first(where: { $0.allSatisfy { credentials[$0] != nil } }) ?? [] {
      switch credentials[scheme] {
      case .bearer(let bearer):
        let value: String
        do { value = try await bearer.token() } catch { throw Self.providerFailure(error) }
        try checkToken(value)
        headers["authorization"] = ("Authorization", "Bearer \(value)")
        (token, store) = (value, bearer)
      case .apiKeyHeader(let name, let value): headers[name.lowercased()] = (name, value)
      case .apiKeyQuery(let name, let value): query.append((name, value))
      case .apiKeyCookie(let name, let value): cookies.append("\(name)=\(RequestURL.percentEncoded(value))")
      case .basic(let username, let password):
        headers["authorization"] = ("Authorization", "Basic \(Data("\(username):\(password)".utf8).base64EncodedString())")
      case nil: break
      }
    }
    if !cookies.isEmpty { headers["cookie"] = ("Cookie", cookies.joined(separator: "; ")) }
    var request = URLRequest(url: try RequestURL.build(base: baseURL, operation: operation, extraQuery: query))
    request.httpMethod = operation.method
    for (name, value) in headers.values { request.setValue(value, forHTTPHeaderField: name) }
    if let (data, contentType) = body {
      request.httpBody = data
      if headers["content-type"] == nil { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
    }
    return Prepared(request: request, token: token, store: store)
  }

  /// Checks a bearer token the first time it is seen, and records it for redaction.
  private func checkToken(_ token: String) throws(ExpysError) {
    guard checkedToken.withLock({ $0 != token }) else { return }
    try HeaderValue.check(name: "Authorization", value: token)
    secrets.add(token)
    checkedToken.withLock { $0 = token }
  }

  /// What the client calls itself in the API's client identification header.
  static let clientName = "\(sdkPackage)/\(sdkVersion)"

  static func providerFailure(_ error: any Error) -> ExpysError {
    (error as? ExpysError) ?? .tokenProvider(cause: error)
  }

  /// Waits, counted in ``activity``; cancellation ends the wait at once.
  func wait(_ delay: Duration) async throws(ExpysError) {
    running.withLock { $0.waits += 1 }
    defer { running.withLock { $0.waits -= 1 } }
    do { try await Task.sleep(for: delay) } catch { throw .cancelled }
  }

  /// The SDK's error for a request that ended without an answer.
  func failure(_ error: any Error, _ request: URLRequest, timeout: Duration?) -> ExpysError {
    let target = "\(request.httpMethod ?? "GET") \(request.url?.path ?? "")"
    switch error {
    case let ended as ExchangeEnded:
      switch ended.ending {
      case .cancelled: return .cancelled
      case .timedOut: return .timeout(message: "\(target): no whole answer within \(timeout.map(Self.spell) ?? "the timeout")")
      case .idle: return .timeout(message: "\(target): the stream was silent too long")
      }
    case is ExchangeClosed:
      return .cancelled
    case let error as URLError where error.code == .cancelled:
      return .cancelled
    case let error as URLError:
      let host = request.url.map { "\($0.host ?? "")\($0.port.map { ":\($0)" } ?? "")" } ?? ""
      return .connection(message: secrets.redact("\(target): \(Self.cause(of: error)) (\(host))"), cause: error)
    default:
      return .connection(message: secrets.redact("\(target): \(error)"), cause: nil)
    }
  }

  static func cause(of error: URLError) -> String {
    switch error.code {
    case .cannotConnectToHost: "connection refused"
    case .cannotFindHost, .dnsLookupFailed: "host not found"
    case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
      .serverCertificateHasUnknownRoot, .clientCertificateRejected, .clientCertificateRequired:
      "TLS failed"
    case .networkConnectionLost: "the connection was lost"
    case .notConnectedToInternet: "no network"
    case .timedOut: "the connection timed out"
    case .badServerResponse: "the answer is not valid HTTP"
    case .httpTooManyRedirects, .redirectToNonExistentLocation: "a bad redirect"
    default: "network error \(error.code.rawValue)"
    }
  }

  static func spell(_ duration: Duration) -> String {
    let ms = duration.milliseconds
    return ms >= 1000 && ms.truncatingRemainder(dividingBy: 1000) == 0 ? "\(Int(ms / 1000)) s" : "\(Int(ms)) ms"
  }

  static func headers(of response: HTTPURLResponse) -> [String: String] {
    var headers: [String: String] = [:]
    for (name, value) in response.allHeaderFields {
      if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
    }
    return headers
  }
}
