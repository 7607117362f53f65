import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

extension APIClient {
  /// Sends an operation and decodes its answer, retrying when a retry can
  /// help: full-jitter backoff or the server's `Retry-After` between
  /// attempts, the same idempotency key on each, and one token refresh when
  /// the API says the token expired.
  package func send<Value: Sendable>(
    _ operation: OperationRequest, response decoding: ResponseBody<Value>, options call: RequestOptions? = nil
  ) async throws(ExpysError) -> APIResponse<Value> {
    let maxRetries = call?.maxRetries ?? options.maxRetries
    let timeout = call?.timeout ?? options.timeout
    guard maxRetries >= 0 else { throw .invalidInput(message: "maxRetries must be 0 or more, not \(maxRetries)") }
    guard timeout > .zero else { throw .invalidInput(message: "timeout must be more than zero") }
    var operation = operation
    // One key for every attempt of this call, so the server tells a retry from a new write.
    if let header = operation.idempotencyHeader {
      operation.headers.append(Parameter(header, operation.idempotencyKey ?? UUID().uuidString.lowercased()))
    }
    let repeatable = operation.repeatable
    let body = try encodeBody(operation)
    let target = "\(operation.method) \(operation.path)"
    // Whether the last attempt carried a token fetched after the API said the
    // previous one expired: a second expiry for it means the provider hands
    // out expired tokens, so the call stops instead of looping.
    var refreshed = false
    var retries = 0
    while true {
      if Task.isCancelled { throw .cancelled }
      let prepared = try await prepare(operation, call, body: body)
      if log.level <= .debug { log(.debug, "\(target) attempt \(retries + 1)") }
      let failure: ExpysError
      var wait: Duration?
      do throws(ExpysError) {
        let (response, data) = try await attempt(prepared.request, timeout: timeout)
        if (200..<300).contains(response.statusCode) {
          return APIResponse(
            value: try decode(data, with: decoding, status: response.statusCode, target: target),
            status: response.statusCode,
            requestID: facts.requestIDHeader.flatMap(response.value(forHTTPHeaderField:)),
            head: ResponseHead(response: response)
          )
        }
        let headers = Self.headers(of: response)
        let answer = ErrorAnswer.failure(status: response.statusCode, headers: headers, body: data, facts: facts, secrets: secrets)
        if answer.rawCode == facts.tokenExpiredCode, let token = prepared.token, let store = prepared.store, store.canRefresh, !refreshed {
          refreshed = true
          log(.info, "\(target): the token expired; asking for a new one")
          do { _ = try await store.refresh(replacing: token) } catch { throw Self.providerFailure(error) }
          continue
        }
        // Any other answer means the API took the token.
        refreshed = false
        wait = RetryPolicy.retryAfter(headers["retry-after"])
        let tooLong = wait.map { $0 > options.maxRetryAfter } ?? false
        guard retries < maxRetries, RetryPolicy.shouldRetry(answer, repeatable: repeatable, inFlightCode: facts.inFlightCode), !tooLong else {
          throw ExpysError.api(answer)
        }
        failure = .api(answer)
      } catch {
        switch error {
        case .connection, .timeout:
          guard retries < maxRetries, repeatable else { throw error }
          failure = error
        default:
          throw error
        }
      }
      let delay = wait ?? options.backoff.delay(attempt: retries)
      retries += 1
      log(.info, "\(target) failed (\(failure.message)); retry \(retries) of \(maxRetries) in \(Int(delay.milliseconds)) ms")
      try await self.wait(delay)
    }
  }

  /// One request and its whole answer, bounded by `timeout`.
  func attempt(_ request: URLRequest, timeout: Duration) async throws(ExpysError) -> (HTTPURLResponse, Data) {
    var request = request
    // URLSession's own timeout is a backstop; the exchange's deadline is the one that counts.
    request.timeoutInterval = (timeout.milliseconds / 1000).rounded(.up) + 1
    let exchange = BufferedExchange(credentialHeaders: credentialHeaders, deadlines: deadlines)
    do {
      return try await exchange.run(request, on: transport, timeout: timeout)
    } catch {
      throw failure(error, request, timeout: timeout)
    }
  }

  func encodeBody(_ operation: OperationRequest) throws(ExpysError) -> (Data, String)? {
    guard let body = operation.body else { return nil }
    do {
      return try body.encoded()
    } catch {
      throw .invalidInput(message: "the body of \(operation.method) \(operation.path) cannot be encoded: \(error)")
    }
  }

  func decode<Value>(_ data: Data, with decoding: ResponseBody<Value>, status: Int, target: String) throws(ExpysError) -> Value {
    do {
      return try decoding.decode(data)
    } catch {
      throw .invalidResponse(message: secrets.redact("\(target): the \(status) answer is not a valid \(Value.self): \(Self.describe(error))"))
    }
  }

  /// A decoding error in one line: what was wrong, and where.
  static func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
      context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
    switch error {
    case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue) is missing"
    case .valueNotFound(_, let context): return "\(path(context)) is null"
    case .typeMismatch(let type, let context): return "\(path(context)) is not \(type)"
    case .dataCorrupted(let context): return context.codingPath.isEmpty ? "the body is not JSON" : "\(path(context)) is invalid"
    @unknown default: return "\(error)"
    }
  }
}
