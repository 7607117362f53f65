import Foundation

/// Options every client accepts. The defaults suit an app talking to the API
/// over a phone's network; change them per client, or per call with
/// ``RequestOptions``.
public struct ClientOptions: Sendable {
  /// How many times a failed call is retried when a retry can help. Default 2:
  /// three attempts ride out a blip or a deploy, while a longer outage fails
  /// fast rather than multiplying the load on a struggling server.
  public var maxRetries: Int
  /// How long one attempt may take, answer body included, before it is
  /// abandoned (and retried if it can be). Default 60 seconds: longer than any
  /// answer of a healthy API takes over a slow mobile link, short enough that a
  /// stalled body does not hang the caller. Streams are bounded by their idle
  /// timeout instead.
  public var timeout: Duration
  /// The full-jitter backoff between retries and stream reconnects.
  public var backoff: Backoff
  /// The longest `Retry-After` the client waits; a longer one ends the call
  /// with the error. Default 60 seconds.
  public var maxRetryAfter: Duration
  /// Headers sent with every request.
  public var headers: [String: String]
  /// Where log lines go. Default: standard error.
  public var logger: LogHandler
  /// The least severe level logged. Default ``LogLevel/warning``.
  public var logLevel: LogLevel

  public init(
    maxRetries: Int = 2,
    timeout: Duration = .seconds(60),
    backoff: Backoff = Backoff(),
    maxRetryAfter: Duration = .seconds(60),
    headers: [String: String] = [:],
    logger: @escaping LogHandler = standardErrorLog,
    logLevel: LogLevel = .warning
  ) {
    self.maxRetries = maxRetries
    self.timeout = timeout
    self.backoff = backoff
    self.maxRetryAfter = maxRetryAfter
    self.headers = headers
    self.logger = logger
    self.logLevel = logLevel
  }
}

/// Per-call options; each one left `nil` takes the client's.
public struct RequestOptions: Sendable {
  /// Overrides ``ClientOptions/maxRetries`` for this call.
  public var maxRetries: Int?
  /// Overrides ``ClientOptions/timeout`` for this call's attempts.
  public var timeout: Duration?
  /// Headers for this call only; they win over the client's.
  public var headers: [String: String]

  public init(maxRetries: Int? = nil, timeout: Duration? = nil, headers: [String: String] = [:]) {
    self.maxRetries = maxRetries
    self.timeout = timeout
    self.headers = headers
  }
}

/// Full-jitter backoff: retry `n` (from 0) waits a random time in
/// `[0, min(cap, base × 2ⁿ))`. Spreading every client's retries over the
/// whole window is what stops a fleet that lost the server at the same moment
/// from coming back at the same moment.
public struct Backoff: Sendable {
  /// The ceiling of the first retry's wait; it doubles with each retry. Default 500 ms.
  public var base: Duration
  /// The largest ceiling, however many retries failed. Default 10 seconds.
  public var cap: Duration

  public init(base: Duration = .milliseconds(500), cap: Duration = .seconds(10)) {
    self.base = base
    self.cap = cap
  }

  /// The wait before retry number `attempt` (0 for the first).
  func delay(attempt: Int) -> Duration {
    let ceiling = min(cap.milliseconds, base.milliseconds * pow(2, Double(min(attempt, 62))))
    return .milliseconds(Double.random(in: 0..<1) * max(0, ceiling))
  }
}

extension Duration {
  /// The duration in milliseconds, fractions included.
  var milliseconds: Double {
    Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
  }

  static func milliseconds(_ value: Double) -> Duration {
    .nanoseconds(Int64((value * 1e6).rounded()))
  }
}
