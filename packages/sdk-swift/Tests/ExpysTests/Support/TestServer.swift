import Expys
import Foundation
import LoopbackHTTP

/// A loopback server whose answers a test scripts, for faults the sandbox
/// cannot make (a stalled body, a redirect, a header echoing a credential),
/// recording every request it receives.
final class TestServer: Sendable {
  let server: LoopbackServer
  private let received = Recorded<Request>()

  init(_ handler: @escaping @Sendable (Request, Responder) async -> Void) throws {
    let received = self.received
    server = try LoopbackServer { request, responder in
      received.append(request)
      await handler(request, responder)
    }
  }

  deinit { server.stop() }

  var url: String { server.url }
  var requests: [Request] { received.values }

  /// A client of this server, with the test's options.
  func client(token: TokenSource = "test-token", options: ClientOptions = ClientOptions(logLevel: .off)) throws -> ExpysClient {
    try ExpysClient(environment: .sandbox, baseURL: url, token: token, options: options)
  }
}

/// Values appended from any thread.
final class Recorded<Value>: @unchecked Sendable {
  private var items: [Value] = []
  private let lock = NSLock()

  func append(_ value: Value) {
    lock.lock()
    items.append(value)
    lock.unlock()
  }

  var values: [Value] {
    lock.lock()
    defer { lock.unlock() }
    return items
  }
}

extension Responder {
  func sendJSON(status: Int = 200, text: String, headers: [(String, String)] = []) {
    send(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(text.utf8))
  }
}

/// A page of no messages, for servers that only need a valid answer.
let emptyPage = #"{"messages":[],"nextCursor":null}"#
