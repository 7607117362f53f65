import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

extension APIClient {
  /// After this many connections in a row that delivered no event, and as
  /// often again, the stream logs a warning: it keeps reconnecting, but not silently.
  static let quietReconnectWarning = 5

  /// Opens a Server-Sent Events operation as an `AsyncThrowingStream` of its
  /// events' data, decoded as `Event`.
  ///
  /// Underneath, one task connects, reads and reconnects: after a network
  /// error, a clean end of the body, or silence beyond the API's idle timeout,
  /// it waits the server's `retry` time (capped like `Retry-After`) plus
  /// full-jitter backoff and resumes with `Last-Event-ID`. Ending the loop,
  /// cancelling the consuming task, or dropping the stream terminates it, and
  /// termination cancels the task: the connection closes and any reconnect
  /// wait ends at once.
  package func stream<Event: Sendable>(
    _ operation: OperationRequest, events: StreamEvents<Event>, idleTimeout: Duration?, lastEventID: String?, options call: RequestOptions? = nil
  ) -> AsyncThrowingStream<Event, any Error> {
    let (stream, continuation) = AsyncThrowingStream<Event, any Error>.makeStream()
    running.withLock { $0.streams += 1 }
    let task = Task {
      var failure: ExpysError?
      do throws(ExpysError) {
        try await readStream(operation, events: events, idleTimeout: idleTimeout, lastEventID: lastEventID, call: call) { (event: Event) in
          if case .terminated = continuation.yield(event) { throw CancellationError() }
        }
      } catch .cancelled {
      } catch {
        failure = error
      }
      // Counted out before the consumer hears the end: by then nothing of the stream runs.
      running.withLock { $0.streams -= 1 }
      continuation.finish(throwing: failure)
    }
    continuation.onTermination = { _ in task.cancel() }
    return stream
  }

  /// Connects, reads and reconnects until the server ends the stream (204 or
  /// a terminal event), an answer ends it with an error, or the task is cancelled.
  private func readStream<Event: Sendable>(
    _ operation: OperationRequest, events: StreamEvents<Event>, idleTimeout: Duration?, lastEventID: String?, call: RequestOptions?,
    deliver: (Event) throws -> Void
  ) async throws(ExpysError) {
    if let lastEventID, !lastEventID.isEmpty { try HeaderValue.check(name: "Last-Event-ID", value: lastEventID) }
    var connection = StreamConnection(target: "\(operation.method) \(operation.path)", parser: ServerSentEventParser(lastEventID: lastEventID))
    var quiet = 0
    while true {
      if Task.isCancelled { throw .cancelled }
      var extra = [("Accept", "text/event-stream"), ("Cache-Control", "no-cache")]
      if let id = connection.parser.lastEventID { extra.append(("Last-Event-ID", id)) }
      let prepared = try await prepare(operation, call, body: nil, extraHeaders: extra)
      let exchange = StreamingExchange(credentialHeaders: credentialHeaders, idleTimeout: idleTimeout, deadlines: deadlines)
      let outcome = await connect(exchange, prepared, &connection, events: events, deliver: deliver)
      // Whatever happened, the request ends here, and the stream goes on only once it has.
      exchange.end(.cancelled)
      await exchange.finished()
      if Task.isCancelled { throw .cancelled }
      let lost: ExpysError
      var wait: Duration?
      switch outcome {
      case .ended: return
      case .failed(let error): throw error
      case .refreshed: continue
      case .lost(let error, let retryAfter): (lost, wait) = (error, retryAfter)
      }
      quiet = connection.delivered > 0 ? 1 : quiet + 1
      if connection.delivered == 0, quiet % Self.quietReconnectWarning == 0 {
        log(.warning, "\(connection.target): \(quiet) connections in a row delivered no event; still reconnecting (\(lost.message))")
      }
      let delay = max(wait ?? .zero, connection.reconnectionTime) + options.backoff.delay(attempt: quiet - 1)
      log(.info, "\(connection.target): \(lost.message); reconnecting in \(Int(delay.milliseconds)) ms")
      try await self.wait(delay)
    }
  }

  /// What one connection of a stream came to.
  private enum ConnectionOutcome {
    /// The server ended the stream (204, or a terminal event).
    case ended
    /// The stream must end with this error.
    case failed(ExpysError)
    /// The token was refreshed after the API said it expired: reconnect at once.
    case refreshed
    /// The connection was lost; reconnect after at least `retryAfter`.
    case lost(ExpysError, retryAfter: Duration?)
  }

  /// What a stream keeps across its connections.
  private struct StreamConnection {
    let target: String
    var parser: ServerSentEventParser
    /// The server's `retry` time, capped like `Retry-After`.
    var reconnectionTime = Duration.zero
    var refreshedAfterExpiry = false
    /// Events delivered by the current connection.
    var delivered = 0
  }

  /// Opens one connection and reads it until it ends.
  private func connect<Event: Sendable>(
    _ exchange: StreamingExchange, _ prepared: Prepared, _ connection: inout StreamConnection, events: StreamEvents<Event>,
    deliver: (Event) throws -> Void
  ) async -> ConnectionOutcome {
    var request = prepared.request
    // The idle watchdog bounds a stream, not URLSession's per-request timer.
    request.timeoutInterval = 7 * 24 * 3600
    connection.delivered = 0
    let target = connection.target
    do {
      let (response, chunks) = try await exchange.open(request, on: transport)
      switch response.statusCode {
      case 200:
        guard Self.isEventStream(response) else {
          return .failed(.invalidResponse(message: "\(target): the answer is not an event stream (\(response.mimeType ?? "no content type"))"))
        }
        connection.refreshedAfterExpiry = false
        connection.parser.reset()
        var parser = connection.parser
        var delivered = 0
        var reconnectionTime = connection.reconnectionTime
        defer { (connection.parser, connection.delivered, connection.reconnectionTime) = (parser, delivered, reconnectionTime) }
        for try await chunk in chunks {
          try parser.feed(chunk) { output in
            switch output {
            case .event(let event):
              guard let value = try decodeEvent(event, with: events, target: target) else { return }
              delivered += 1
              try deliver(value)
              if events.terminal.contains(event.type) { throw StreamEnded() }
            case .retry(let milliseconds):
              reconnectionTime = min(.milliseconds(Double(milliseconds)), options.maxRetryAfter)
            case .comment:
              break
            }
          }
        }
        return .lost(.connection(message: "\(target): the server ended the stream", cause: nil), retryAfter: nil)
      case 204:
        // The server asks the client to stop.
        return .ended
      default:
        // An error body is small; past 64 KiB the rest is not worth waiting for.
        var body = Data()
        for try await chunk in chunks {
          body.append(chunk)
          if body.count >= 65536 { break }
        }
        let answer = ErrorAnswer.failure(status: response.statusCode, headers: Self.headers(of: response), body: body, facts: facts, secrets: secrets)
        if answer.rawCode == facts.tokenExpiredCode, let token = prepared.token, let store = prepared.store, store.canRefresh, !connection.refreshedAfterExpiry {
          connection.refreshedAfterExpiry = true
          log(.info, "\(target): the token expired; asking for a new one")
          do { _ = try await store.refresh(replacing: token) } catch { return .failed(Self.providerFailure(error)) }
          return .refreshed
        }
        guard answer.retryable else { return .failed(.api(answer)) }
        return .lost(.api(answer), retryAfter: RetryPolicy.retryAfter(answer.headers["retry-after"]).map { min($0, options.maxRetryAfter) })
      }
    } catch let error as ExpysError {
      return .failed(error)
    } catch is StreamEnded {
      return .ended
    } catch is CancellationError {
      return .failed(.cancelled)
    } catch let error as ServerSentEventParser.EventTooLarge {
      return .failed(.invalidResponse(message: "\(target): \(error)"))
    } catch {
      let failure = failure(error, request, timeout: nil)
      if case .cancelled = failure { return .failed(failure) }
      return .lost(failure, retryAfter: nil)
    }
  }

  private func decodeEvent<Event>(_ event: ServerSentEvent, with events: StreamEvents<Event>, target: String) throws(ExpysError) -> Event? {
    do {
      return try events.decode(event)
    } catch {
      throw .invalidResponse(message: "\(target): a \(event.type) event is not valid: \(Self.describe(error))")
    }
  }

  /// Whether the answer's media type is `text/event-stream`, parameters aside.
  static func isEventStream(_ response: HTTPURLResponse) -> Bool {
    let type = (response.value(forHTTPHeaderField: "Content-Type") ?? "").split(separator: ";").first ?? ""
    return type.trimmingCharacters(in: .whitespaces).lowercased() == "text/event-stream"
  }
}

/// A terminal event arrived: the stream ends normally.
private struct StreamEnded: Error {}
