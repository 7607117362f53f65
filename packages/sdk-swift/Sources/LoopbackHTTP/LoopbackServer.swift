import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1, on plain sockets: Foundation has no
/// HTTP server on Linux. It serves the conformance service and the tests'
/// fault servers, so it favours control over speed: a thread per connection,
/// and a ``Responder`` that can answer at once, stream a body slowly, or drop
/// the connection mid-answer.
public final class LoopbackServer: @unchecked Sendable {
  public typealias Handler = @Sendable (Request, Responder) async -> Void

  /// The port the server listens on (chosen by the system).
  public let port: Int
  /// `http://127.0.0.1:<port>`.
  public var url: String { "http://127.0.0.1:\(port)" }

  private let listener: Int32
  private let handler: Handler
  private let connections = Guarded<Set<Int32>>([])
  private let stopped = Guarded(false)

  /// Listens on 127.0.0.1 at a free port and serves each request with `handler`.
  public init(handler: @escaping Handler) throws {
    signal(SIGPIPE, SIG_IGN)
    let listener = socket(AF_INET, streamSocket, 0)
    guard listener >= 0 else { throw SocketError("socket", errno) }
    var yes: Int32 = 1
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(listener, 128) == 0 else {
      let code = errno
      close(listener)
      throw SocketError("bind/listen", code)
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
    }
    self.listener = listener
    self.port = Int(UInt16(bigEndian: address.sin_port))
    self.handler = handler
    let thread = Thread { [self] in acceptLoop() }
    thread.name = "loopback-accept"
    thread.start()
  }

  /// Stops accepting and closes every open connection.
  public func stop() {
    guard !stopped.update({ let was = $0; $0 = true; return was }) else { return }
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
    for fd in connections.update({ $0 }) { shutdown(fd, Int32(SHUT_RDWR)) }
  }

  /// Connections currently open.
  public var openConnections: Int { connections.update { $0.count } }

  private func acceptLoop() {
    while !stopped.update({ $0 }) {
      let fd = accept(listener, nil, nil)
      if fd < 0 {
        if errno == EINTR { continue }
        return
      }
      var yes: Int32 = 1
      setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
      connections.update { _ = $0.insert(fd) }
      let thread = Thread { [self] in serve(fd) }
      thread.name = "loopback-connection"
      thread.start()
    }
  }

  /// Reads requests from one connection and answers each, until either side closes it.
  private func serve(_ fd: Int32) {
    let reader = RequestReader(fd: fd)
    defer {
      connections.update { _ = $0.remove(fd) }
      close(fd)
    }
    while let request = reader.next() {
      let responder = Responder(fd: fd)
      let done = DispatchSemaphore(value: 0)
      let handler = self.handler
      Task {
        await handler(request, responder)
        done.signal()
      }
      done.wait()
      if !responder.keepsConnection { return }
    }
  }
}

/// One parsed request.
public struct Request: Sendable {
  public let method: String
  /// The path, percent-encoded as sent, without the query.
  public let path: String
  /// The query parameters, decoded, in order.
  public let query: [(name: String, value: String)]
  /// Header names in lower case.
  public let headers: [String: String]
  /// The header block's bytes, exactly as sent, for tests of what went on the wire.
  public let rawHead: Data
  public let body: Data

  /// The path's segments after the leading slash, percent-decoded.
  public var segments: [String] {
    path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { String($0).removingPercentEncoding ?? String($0) }
  }

  public func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }
}

/// Answers one request: all at once with ``send(status:headers:body:)``, or
/// as a stream with ``sendHead(status:headers:)`` and ``write(_:)``.
public final class Responder: @unchecked Sendable {
  private let fd: Int32
  private let state = Guarded((sentHead: false, streaming: false, closed: false))

  init(fd: Int32) {
    self.fd = fd
  }

  /// Whether the connection can serve another request after this answer.
  var keepsConnection: Bool { state.update { $0.sentHead && !$0.streaming && !$0.closed } }

  /// Sends a whole answer with its length; the connection stays open for the next request.
  public func send(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
    var head = headLines(status: status, headers: headers + [("Content-Length", "\(body.count)")])
    head.append(body)
    state.update { $0.sentHead = true }
    _ = writeAll(head)
  }

  /// Sends a JSON value as the whole answer.
  public func sendJSON(status: Int = 200, _ value: Any) {
    let body = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])) ?? Data()
    send(status: status, headers: [("Content-Type", "application/json")], body: body)
  }

  /// Starts an answer whose body follows in ``write(_:)`` calls and ends when the connection closes.
  public func sendHead(status: Int, headers: [(String, String)] = []) {
    state.update { ($0.sentHead, $0.streaming) = (true, true) }
    _ = writeAll(headLines(status: status, headers: headers + [("Connection", "close")]))
  }

  /// Writes raw bytes; `false` once the peer is gone.
  @discardableResult
  public func write(_ data: Data) -> Bool { writeAll(data) }

  /// Closes the connection at once, mid-answer or before any.
  public func drop() {
    state.update { $0.closed = true }
    shutdown(fd, Int32(SHUT_RDWR))
  }

  /// Waits until the peer closes the connection (or `timeout` passes); `true` when it did.
  /// It checks without blocking between short sleeps: a handler runs on Swift's
  /// cooperative pool, which a blocking wait would starve.
  public func waitForPeerClose(timeout: Duration) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    var byte: UInt8 = 0
    while ContinuousClock.now < deadline {
      let read = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
      if read == 0 || (read < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) { return true }
      try? await Task.sleep(for: .milliseconds(10))
    }
    return false
  }

  private func headLines(status: Int, headers: [(String, String)]) -> Data {
    var text = "HTTP/1.1 \(status) \(reason(status))\r\n"
    for (name, value) in headers { text += "\(name): \(value)\r\n" }
    return Data((text + "\r\n").utf8)
  }

  private func writeAll(_ data: Data) -> Bool {
    data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let sent = socketSend(fd, buffer.baseAddress! + offset, buffer.count - offset, noSignal)
        if sent <= 0 {
          if sent < 0 && errno == EINTR { continue }
          return false
        }
        offset += sent
      }
      return true
    }
  }

  private func reason(_ status: Int) -> String {
    [200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found", 303: "See Other", 307: "Temporary Redirect",
     308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 409: "Conflict", 429: "Too Many Requests",
     500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"][status] ?? "Status"
  }
}

// The platforms spell these differently; SIGPIPE is ignored on both, and
// Linux is told per send as well, since a thread may have unblocked it.
#if canImport(Glibc)
  private let socketSend = Glibc.send
  private let streamSocket = Int32(SOCK_STREAM.rawValue)
  private let noSignal = Int32(MSG_NOSIGNAL)
#else
  private let socketSend = Darwin.send
  private let streamSocket = SOCK_STREAM
  private let noSignal: Int32 = 0
#endif

struct SocketError: Error, CustomStringConvertible {
  let call: String
  let code: Int32
  init(_ call: String, _ code: Int32) {
    (self.call, self.code) = (call, code)
  }
  var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
}

/// A lock around a value, for the server's own state.
final class Guarded<Value>: @unchecked Sendable {
  private var value: Value
  private let lock = NSLock()
  init(_ value: Value) { self.value = value }
  func update<Result>(_ body: (inout Value) -> Result) -> Result {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
