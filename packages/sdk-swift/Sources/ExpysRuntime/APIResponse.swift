import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A result together with the answer it came in, for when the request id or a
/// header matters (the `withResponse` view of a client returns these).
public struct APIResponse<Value: Sendable>: Sendable {
  /// The decoded result, as the plain method returns it.
  public let value: Value
  /// The HTTP status.
  public let status: Int
  /// The server's id for the request; quote it to support.
  public let requestID: String?
  private let head: ResponseHead

  init(value: Value, status: Int, requestID: String?, head: ResponseHead) {
    (self.value, self.status, self.requestID, self.head) = (value, status, requestID, head)
  }

  /// The response headers, names in lower case (read when asked for: most calls never look).
  public var headers: [String: String] { head.headers }
}

/// An answer's head, immutable once received.
struct ResponseHead: @unchecked Sendable {
  let response: HTTPURLResponse

  var headers: [String: String] { APIClient.headers(of: response) }
}

/// What a client has running, for proving that nothing outlives its use:
/// after a call returns or a stream is stopped, everything here drops back.
public struct ClientActivity: Sendable, Equatable, CustomStringConvertible {
  /// Requests whose answer has not completed (each holds a connection).
  public let openRequests: Int
  /// Streams still being consumed.
  public let openStreams: Int
  /// Timers armed: retry and reconnect waits, call timeouts, stream idle watchdogs.
  public let timers: Int

  /// Whether nothing is running.
  public var isIdle: Bool { openRequests == 0 && openStreams == 0 && timers == 0 }

  public var description: String { "\(openRequests) requests, \(openStreams) streams, \(timers) timers" }
}
