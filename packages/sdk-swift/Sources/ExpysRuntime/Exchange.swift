import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Why the client itself ended a request.
enum ExchangeEnding: Sendable {
  /// The caller cancelled the task (or stopped reading the stream).
  case cancelled
  /// The call's timeout passed before the whole answer arrived.
  case timedOut
  /// A stream stayed silent longer than its idle timeout.
  case idle
  /// The answer grew beyond what the client buffers.
  case tooLarge
}

/// One request and its whole answer, read into memory: the unit every call
/// attempt is made of. The timeout bounds the whole answer, body included.
final class BufferedExchange: ExchangeEvents, @unchecked Sendable {
  private struct State {
    var continuation: CheckedContinuation<(HTTPURLResponse, Data), any Error>?
    var task: URLSessionDataTask?
    var response: HTTPURLResponse?
    var body = Data()
    var ending: ExchangeEnding?
    var deadline: DispatchWorkItem?
  }

  let credentialHeaders: Set<String>
  private let maxBodyBytes: Int
  private let state = Locked(State())

  init(credentialHeaders: Set<String>, maxBodyBytes: Int) {
    self.credentialHeaders = credentialHeaders
    self.maxBodyBytes = maxBodyBytes
  }

  /// Sends `request` and waits for the whole answer; throws the ending's error,
  /// or the transport's.
  func run(_ request: URLRequest, on transport: Transport, timeout: Duration) async throws -> (HTTPURLResponse, Data) {
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let proceed = state.withLock { state in
          guard state.ending == nil else { return false }
          state.continuation = continuation
          return true
        }
        guard proceed else { return continuation.resume(throwing: ExchangeEnded(ending: .cancelled)) }
        guard let task = transport.start(request, for: self) else {
          state.withLock { $0.continuation = nil }
          return continuation.resume(throwing: ExchangeClosed())
        }
        let deadline = DispatchWorkItem { [weak self] in self?.end(.timedOut) }
        let endedMeanwhile = state.withLock { state in
          state.task = task
          state.deadline = deadline
          return state.ending != nil
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(timeout.milliseconds * 1e6)), execute: deadline)
        task.resume()
        // An end() that came before the task existed could not cancel it.
        if endedMeanwhile { task.cancel() }
      }
    } onCancel: {
      end(.cancelled)
    }
  }

  /// Ends the request for `reason`; its completion then throws the matching error.
  func end(_ reason: ExchangeEnding) {
    let task: URLSessionDataTask? = state.withLock { state in
      guard state.ending == nil else { return nil }
      state.ending = reason
      return state.task
    }
    task?.cancel()
  }

  func received(_ response: HTTPURLResponse) {
    state.withLock { $0.response = response }
  }

  func received(_ data: Data) {
    let overflow = state.withLock { state in
      state.body.append(data)
      return state.body.count > maxBodyBytes
    }
    if overflow { end(.tooLarge) }
  }

  func completed(_ error: (any Error)?) {
    let (continuation, result): (CheckedContinuation<(HTTPURLResponse, Data), any Error>?, Result<(HTTPURLResponse, Data), any Error>) =
      state.withLock { state in
        state.deadline?.cancel()
        let continuation = state.continuation
        state.continuation = nil
        if let ending = state.ending { return (continuation, .failure(ExchangeEnded(ending: ending))) }
        if let error { return (continuation, .failure(error)) }
        guard let response = state.response else { return (continuation, .failure(URLError(.badServerResponse))) }
        let body = state.body
        state.body = Data()
        return (continuation, .success((response, body)))
      }
    continuation?.resume(with: result)
  }
}

/// One request whose answer is read as it arrives: the head first, then the
/// body's chunks through an `AsyncThrowingStream`, fed by the delegate queue.
/// Silence longer than `idleTimeout` ends it as ``ExchangeEnding/idle``.
final class StreamingExchange: ExchangeEvents, @unchecked Sendable {
  private struct State {
    var head: CheckedContinuation<HTTPURLResponse, any Error>?
    var chunks: AsyncThrowingStream<Data, any Error>.Continuation?
    var task: URLSessionDataTask?
    var ending: ExchangeEnding?
    var lastActivity = DispatchTime.now()
    var watchdog: DispatchWorkItem?
  }

  let credentialHeaders: Set<String>
  private let idleTimeout: Duration?
  private let state = Locked(State())

  init(credentialHeaders: Set<String>, idleTimeout: Duration?) {
    self.credentialHeaders = credentialHeaders
    self.idleTimeout = idleTimeout
  }

  /// Sends `request` and waits for the answer's head; the body follows in the returned stream.
  func open(_ request: URLRequest, on transport: Transport) async throws -> (HTTPURLResponse, AsyncThrowingStream<Data, any Error>) {
    let (chunks, chunkContinuation) = AsyncThrowingStream<Data, any Error>.makeStream()
    // A consumer that stops reading ends the request.
    chunkContinuation.onTermination = { [weak self] termination in
      if case .cancelled = termination { self?.end(.cancelled) }
    }
    let response = try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPURLResponse, any Error>) in
        let proceed = state.withLock { state in
          guard state.ending == nil else { return false }
          (state.head, state.chunks) = (continuation, chunkContinuation)
          return true
        }
        guard proceed else { return continuation.resume(throwing: ExchangeEnded(ending: .cancelled)) }
        guard let task = transport.start(request, for: self) else {
          state.withLock { ($0.head, $0.chunks) = (nil, nil) }
          return continuation.resume(throwing: ExchangeClosed())
        }
        let endedMeanwhile = state.withLock { state in
          state.task = task
          return state.ending != nil
        }
        watch()
        task.resume()
        if endedMeanwhile { task.cancel() }
      }
    } onCancel: {
      end(.cancelled)
    }
    return (response, chunks)
  }

  func end(_ reason: ExchangeEnding) {
    let task: URLSessionDataTask? = state.withLock { state in
      guard state.ending == nil else { return nil }
      state.ending = reason
      state.watchdog?.cancel()
      return state.task
    }
    task?.cancel()
  }

  /// Checks for silence when the idle timeout could first have passed, then again from the last activity.
  private func watch() {
    guard let idleTimeout else { return }
    let limit = DispatchTimeInterval.nanoseconds(Int(idleTimeout.milliseconds * 1e6))
    let item = DispatchWorkItem { [weak self] in
      guard let self else { return }
      let silent = state.withLock { state in state.ending == nil && DispatchTime.now() >= state.lastActivity + limit }
      if silent { end(.idle) } else if state.withLock({ $0.ending == nil }) { watch() }
    }
    let due = state.withLock { state -> DispatchTime? in
      guard state.ending == nil else { return nil }
      state.watchdog = item
      return state.lastActivity + limit
    }
    if let due { DispatchQueue.global().asyncAfter(deadline: due, execute: item) }
  }

  func received(_ response: HTTPURLResponse) {
    let head = state.withLock { state in
      state.lastActivity = .now()
      defer { state.head = nil }
      return state.head
    }
    head?.resume(returning: response)
  }

  func received(_ data: Data) {
    let chunks = state.withLock { state in
      state.lastActivity = .now()
      return state.chunks
    }
    chunks?.yield(data)
  }

  func completed(_ error: (any Error)?) {
    let (head, chunks, failure): (CheckedContinuation<HTTPURLResponse, any Error>?, AsyncThrowingStream<Data, any Error>.Continuation?, (any Error)?) =
      state.withLock { state in
        state.watchdog?.cancel()
        defer { (state.head, state.chunks) = (nil, nil) }
        let failure: (any Error)? = state.ending.map { ExchangeEnded(ending: $0) } ?? error
        return (state.head, state.chunks, failure)
      }
    head?.resume(throwing: failure ?? URLError(.badServerResponse))
    chunks?.finish(throwing: failure)
  }
}

/// A request the client ended itself, for the reason given.
struct ExchangeEnded: Error {
  let ending: ExchangeEnding
}

/// A request refused because the client is closed.
struct ExchangeClosed: Error {}
