import Expys
import Foundation
import LoopbackHTTP

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A mistake in the protocol itself, never something the SDK did.
struct ProtocolError: Error {
  let status: Int
  let message: String
}

/// The protocol's routes over a set of SDK clients.
final class ConformanceService: @unchecked Sendable {
  private let clients = Registry<ClientSession>()
  /// Called after `DELETE /` has been answered.
  nonisolated(unsafe) var onExit: (@Sendable () async -> Never)?

  static let capabilities = ["listConversations", "listMessages", "sendMessage", "listAllMessages", "streamMessages", "tokenUrl", "maxRetries", "timeoutMs", "cancelCall"]

  func handle(_ request: Request, _ responder: Responder) async {
    do {
      try await route(request, responder)
    } catch let error as ProtocolError {
      responder.sendJSON(status: error.status, ["error": ["message": error.message]])
    } catch {
      responder.sendJSON(status: 500, ["error": ["message": "the service failed: \(error)"]])
    }
  }

  func closeAll() async {
    for session in clients.removeAll() { await session.close() }
  }

  private func route(_ request: Request, _ responder: Responder) async throws {
    let parts = request.segments.filter { !$0.isEmpty }
    switch (request.method, parts.count) {
    case ("GET", 0):
      responder.sendJSON(["sdk": "swift", "sdkVersion": sdkVersion, "capabilities": Self.capabilities, "runtime": Self.runtime])
    case ("DELETE", 0):
      responder.send(status: 204)
      await onExit?()
    case ("POST", 1) where parts[0] == "clients":
      try createClient(body(request), responder)
    case ("GET", 2) where parts[0] == "clients":
      responder.sendJSON(try session(parts[1]).state())
    case ("DELETE", 2) where parts[0] == "clients":
      let session = try session(parts[1])
      clients.remove(parts[1])
      await session.close()
      responder.send(status: 204)
    case ("POST", 3) where parts[0] == "clients" && parts[2] == "calls":
      let session = try session(parts[1])
      responder.sendJSON(try await session.call(body(request)))
    case ("DELETE", 4) where parts[0] == "clients" && parts[2] == "calls":
      guard try await session(parts[1]).cancelCall(parts[3]) else { throw ProtocolError(status: 404, message: "no call \(parts[3]) is running") }
      responder.send(status: 204)
    case ("POST", 3) where parts[0] == "clients" && parts[2] == "streams":
      responder.sendJSON(status: 201, ["id": try session(parts[1]).openStream(body(request))])
    case ("DELETE", 4) where parts[0] == "clients" && parts[2] == "streams":
      guard try await session(parts[1]).stopStream(parts[3]) else { throw ProtocolError(status: 404, message: "no stream \(parts[3])") }
      responder.send(status: 204)
    default:
      throw ProtocolError(status: 404, message: "no route \(request.method) \(request.path)")
    }
  }

  private func createClient(_ body: [String: Any], _ responder: Responder) throws {
    guard let baseURL = body["baseUrl"] as? String else { throw ProtocolError(status: 400, message: "baseUrl is required") }
    let token = body["token"] as? String
    let tokenURL = body["tokenUrl"] as? String
    guard (token == nil) != (tokenURL == nil) else { throw ProtocolError(status: 400, message: "give exactly one of token and tokenUrl") }
    var options = ClientOptions(logger: standardErrorLog)
    if let maxRetries = body["maxRetries"] {
      guard let value = maxRetries as? Int else { throw ProtocolError(status: 400, message: "maxRetries must be a number") }
      options.maxRetries = value
    }
    if let timeout = body["timeoutMs"] {
      guard let value = timeout as? Double else { throw ProtocolError(status: 400, message: "timeoutMs must be a number") }
      options.timeout = .nanoseconds(Int64(value * 1e6))
    }
    let source: TokenSource = tokenURL.map { url in .provider { try await fetchToken(url) } } ?? .token(token!)
    do {
      let client = try ExpysClient(environment: .sandbox, baseURL: baseURL, token: source, options: options)
      let id = clients.add { ClientSession(id: $0, client: client) }
      responder.sendJSON(status: 201, ["id": id])
    } catch {
      responder.sendJSON(status: 400, ["ok": false, "error": ErrorReport.of(error)])
    }
  }

  private func session(_ id: String) throws -> ClientSession {
    guard let session = clients.get(id) else { throw ProtocolError(status: 404, message: "no client \(id)") }
    return session
  }

  private func body(_ request: Request) throws -> [String: Any] {
    if request.body.isEmpty { return [:] }
    guard let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any] else {
      throw ProtocolError(status: 400, message: "the body is not a JSON object")
    }
    return object
  }

  static var runtime: String {
    #if os(Linux)
      let os = "linux"
    #else
      let os = "darwin"
    #endif
    #if compiler(>=6.1)
      return "swift 6.1+ \(os)"
    #else
      return "swift 6.0 \(os)"
    #endif
  }
}

/// The token provider the protocol asks for: each call GETs `url` and returns the body, unchanged.
@Sendable func fetchToken(_ url: String) async throws -> String {
  guard let target = URL(string: url) else { throw ProtocolError(status: 400, message: "tokenUrl is not a URL") }
  let (data, response) = try await serviceRequest(URLRequest(url: target))
  guard let status = response?.statusCode, (200..<300).contains(status) else {
    throw ProtocolError(status: 502, message: "the token endpoint answered \(response?.statusCode ?? 0)")
  }
  return String(decoding: data, as: UTF8.self)
}

/// The service's own session, for the token endpoint and stream callbacks (never the SDK's).
let serviceSession = URLSession(configuration: .ephemeral)

/// One request on ``serviceSession``, by completion handler, run to its end.
/// Not `data(for:)`: on Linux that API cancels its URLSession task inside the
/// cancelled Swift task's cancellation handler, where swift-corelibs-foundation's
/// `cancel()` waits for a queue that every session in the process shares; a
/// stream stopped while its callback was in flight stopped every request, the
/// SDK's included. These requests are local and short, so none needs cancelling.
func serviceRequest(_ request: URLRequest) async throws -> (Data, HTTPURLResponse?) {
  try await withCheckedThrowingContinuation { continuation in
    serviceSession.dataTask(with: request) { data, response, error in
      if let error { return continuation.resume(throwing: error) }
      continuation.resume(returning: (data ?? Data(), response as? HTTPURLResponse))
    }.resume()
  }
}

/// Items by id, from any thread.
final class Registry<Item: Sendable>: @unchecked Sendable {
  private var items: [String: Item] = [:]
  private var next = 1
  private let lock = NSLock()

  func add(_ make: (String) -> Item) -> String {
    lock.lock()
    defer { lock.unlock() }
    let id = "\(next)"
    next += 1
    items[id] = make(id)
    return id
  }

  func get(_ id: String) -> Item? {
    lock.lock()
    defer { lock.unlock() }
    return items[id]
  }

  @discardableResult
  func remove(_ id: String) -> Item? {
    lock.lock()
    defer { lock.unlock() }
    return items.removeValue(forKey: id)
  }

  func removeAll() -> [Item] {
    lock.lock()
    defer { lock.unlock() }
    defer { items = [:] }
    return Array(items.values)
  }

  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return items.count
  }
}
