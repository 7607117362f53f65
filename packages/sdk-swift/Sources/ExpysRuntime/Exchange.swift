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
}

/// A request the client ended itself, for the reason given.
struct ExchangeEnded: Error {
  let ending: ExchangeEnding
}

/// A request refused because the client is closed.
struct ExchangeClosed: Error {}

/// Where tasks are cancelled: never on the thread that ends a request.
/// swift-corelibs-foundation's `URLSessionTask.cancel()` waits for its
/// session's work queue, and `end(_:)` runs inside task-cancellation
/// handlers, during which the Swift runtime holds the cancelled task's status
/// lock. A work-queue callback that needs that lock then waits for the
/// handler, the handler waits for the queue, and every request of the session
/// stops for good (seen: each call of the conformance service hanging after a
/// stream was stopped while a call timed out).
private let cancellations = DispatchQueue(label: "com.expys.sdk.cancellations")

private func cancelSoon(_ task: URLSessionDataTask) {
  cancellations.async { task.cancel() }
}

/// One request and its whole answer, read into memory: the unit every call
/// attempt is made of. The timeout bounds the whole answer, body included,
/// and so bounds what a server can make the client buffer.
final class BufferedExchange: ExchangeEvents, @unchecked Sendable {
  private struct State {
    var continuation: CheckedContinuation<(HTTPURLResponse, Data), any Error>?
    var task: URLSessionDataTask?
    var ending: ExchangeEnding?
    var deadline: Int?
  }

  let credentialHeaders: Set<String>
  private let deadlines: Deadlines
  private let state = Locked(State())

  init(credentialHeaders: Set<String>, deadlines: Deadlines) {
    self.credentialHeaders = credentialHeaders
    self.deadlines = deadlines
  }

  /// Sends `request` and waits for the whole answer; throws the ending's
  /// error, or the transport's. It returns only once the transport is done
  /// with the request, so nothing of it outlives the call.
  func run(_ request: URLRequest, on transport: Transport, timeout: Duration) async throws -> (HTTPURLResponse, Data) {
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let proceed = state.withLock { state in
          guard state.ending == nil else { return false }
          state.continuation = continuation
          return true
        }
        guard proceed else { return continuation.resume(throwing: ExchangeEnded(ending: .cancelled)) }
        let task = transport.startBuffered(request, for: self) { [self] data, response, error in
          completed(data: data, response: response, error: error)
        }
        guard let task else {
          state.withLock { $0.continuation = nil }
          return continuation.resume(throwing: ExchangeClosed())
        }
        let deadline = deadlines.add(after: timeout) { [weak self] in self?.end(.timedOut) }
        let endedMeanwhile = state.withLock { state in
          (state.task, state.deadline) = (task, deadline)
          return state.ending != nil
        }
        task.resume()
        // An end() that came before the task existed could not cancel it.
        if endedMeanwhile { cancelSoon(task) }
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
    if let task { cancelSoon(task) }
  }

  private func completed(data: Data?, response: URLResponse?, error: (any Error)?) {
    let (continuation, deadline, ending) = state.withLock { state in (state.continuation.take(), state.deadline.take(), state.ending) }
    if let deadline { deadlines.cancel(deadline) }
    guard let continuation else { return }
    if let ending { return continuation.resume(throwing: ExchangeEnded(ending: ending)) }
    if let error { return continuation.resume(throwing: error) }
    guard let response = response as? HTTPURLResponse else { return continuation.resume(throwing: URLError(.badServerResponse)) }
    continuation.resume(returning: (response, data ?? Data()))
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
    var lastActivity = ContinuousClock.now
    var watchdog: Int?
    /// The transport is done with the request (or never had it).
    var done = false
    var waiters: [CheckedContinuation<Void, Never>] = []
  }

  let credentialHeaders: Set<String>
  private let idleTimeout: Duration?
  private let deadlines: Deadlines
  private let state = Locked(State())

  init(credentialHeaders: Set<String>, idleTimeout: Duration?, deadlines: Deadlines) {
    self.credentialHeaders = credentialHeaders
    self.idleTimeout = idleTimeout
    self.deadlines = deadlines
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
        guard proceed else {
          finish()
          return continuation.resume(throwing: ExchangeEnded(ending: .cancelled))
        }
        guard let task = transport.start(request, for: self) else {
          state.withLock { ($0.head, $0.chunks) = (nil, nil) }
          finish()
          return continuation.resume(throwing: ExchangeClosed())
        }
        let endedMeanwhile = state.withLock { state in
          state.task = task
          return state.ending != nil
        }
        watch(after: idleTimeout)
        task.resume()
        if endedMeanwhile { cancelSoon(task) }
      }
    } onCancel: {
      end(.cancelled)
    }
    return (response, chunks)
  }

  func end(_ reason: ExchangeEnding) {
    let (task, watchdog): (URLSessionDataTask?, Int?) = state.withLock { state in
      guard state.ending == nil else { return (nil, nil) }
      state.ending = reason
      return (state.task, state.watchdog.take())
    }
    if let watchdog { deadlines.cancel(watchdog) }
    if let task { cancelSoon(task) }
  }

  /// Waits until the transport is done with the request: its connection is
  /// released, and no callback will come.
  func finished() async {
    await withCheckedContinuation { continuation in
      let done = state.withLock { state in
        if !state.done { state.waiters.append(continuation) }
        return state.done
      }
      if done { continuation.resume() }
    }
  }

  private func finish() {
    let waiters = state.withLock { state in
      state.done = true
      defer { state.waiters = [] }
      return state.waiters
    }
    for waiter in waiters { waiter.resume() }
  }

  /// Arms the watchdog for when the idle timeout could first pass; when it
  /// fires, the stream is idle unless something arrived meanwhile, in which
  /// case it is armed again from that moment.
  private func watch(after delay: Duration?) {
    guard let idleTimeout, let delay else { return }
    let timer = deadlines.add(after: delay) { [weak self] in
      guard let self else { return }
      let quiet = state.withLock { state -> Duration? in
        state.watchdog = nil
        return state.ending == nil ? ContinuousClock.now - state.lastActivity : nil
      }
      guard let quiet else { return }
      if quiet >= idleTimeout { end(.idle) } else { watch(after: idleTimeout - quiet) }
    }
    let stale = state.withLock { state -> Bool in
      guard state.ending == nil else { return true }
      state.watchdog = timer
      return false
    }
    if stale { deadlines.cancel(timer) }
  }

  func received(_ response: HTTPURLResponse) {
    let head = state.withLock { state in
      state.lastActivity = .now
      return state.head.take()
    }
    head?.resume(returning: response)
  }

  func received(_ data: Data) {
    let chunks = state.withLock { state in
      state.lastActivity = .now
      return state.chunks
    }
    chunks?.yield(data)
  }

  func completed(_ error: (any Error)?) {
    let (head, chunks, watchdog, failure): (CheckedContinuation<HTTPURLResponse, any Error>?, AsyncThrowingStream<Data, any Error>.Continuation?, Int?, (any Error)?) =
      state.withLock { state in
        let failure: (any Error)? = state.ending.map { ExchangeEnded(ending: $0) } ?? error
        return (state.head.take(), state.chunks.take(), state.watchdog.take(), failure)
      }
    if let watchdog { deadlines.cancel(watchdog) }
    head?.resume(throwing: failure ?? URLError(.badServerResponse))
    chunks?.finish(throwing: failure)
    finish()
  }
}
