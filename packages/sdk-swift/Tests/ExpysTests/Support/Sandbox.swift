import Expys
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A sandbox of its own for one test, started and driven through the test
/// harness's control routes (scripts/test.ts), since the sandbox's controls
/// are Node functions.
final class Sandbox: Sendable {
  let id: String
  let baseURL: String
  let memberToken: String
  let externalUserID: String
  let conversationID: String
  let orgAPIKey: String

  private static let control: String = {
    guard let url = ProcessInfo.processInfo.environment["EXPYS_SANDBOX_CONTROL"] else {
      fatalError("EXPYS_SANDBOX_CONTROL is not set: run the tests with `node scripts/test.ts` (npm test)")
    }
    return url
  }()

  /// Starts a sandbox; `options` are `startSandbox`'s (the concierge is off unless asked for).
  static func start(_ options: [String: Any] = [:]) async throws -> Sandbox {
    let fields = try await call("POST", "/sandboxes", options) as! [String: Any]
    return Sandbox(fields)
  }

  private init(_ fields: [String: Any]) {
    id = fields["id"] as! String
    baseURL = fields["baseUrl"] as! String
    memberToken = fields["memberToken"] as! String
    externalUserID = fields["externalUserID"] as! String
    conversationID = fields["conversationId"] as! String
    orgAPIKey = fields["orgApiKey"] as! String
  }

  deinit {
    let path = "/sandboxes/\(id)"
    Task { _ = try? await Self.call("DELETE", path) }
  }

  /// A client for the demo member, or with the given token and options.
  func client(token: TokenSource? = nil, options: ClientOptions = ClientOptions(logLevel: .off)) throws -> ExpysClient {
    try ExpysClient(environment: .sandbox, baseURL: baseURL, token: token ?? .token(memberToken), options: options)
  }

  /// Adds a fault rule (the sandbox's `faults.add`); returns a handle to read its count.
  func fault(_ rule: [String: Any]) async throws -> Fault {
    let created = try await Self.call("POST", "/sandboxes/\(id)/faults", rule) as! [String: Any]
    return Fault(sandbox: self, index: created["id"] as! Int)
  }

  struct Fault {
    let sandbox: Sandbox
    let index: Int
    var injected: Int {
      get async throws { (try await Sandbox.call("GET", "/sandboxes/\(sandbox.id)/faults/\(index)") as! [String: Any])["injected"] as! Int }
    }
  }

  /// Every message of a conversation, oldest first, straight from the store.
  func messages(_ conversationID: String) async throws -> [[String: Any]] {
    try await Self.call("GET", "/sandboxes/\(id)/messages/\(conversationID)") as! [[String: Any]]
  }

  func conversations(_ member: String) async throws -> [[String: Any]] {
    try await Self.call("GET", "/sandboxes/\(id)/conversations/\(member)") as! [[String: Any]]
  }

  func openStreams(_ conversationID: String? = nil) async throws -> Int {
    (try await Self.call("GET", "/sandboxes/\(id)/open-streams" + (conversationID.map { "/\($0)" } ?? "")) as! [String: Any])["count"] as! Int
  }

  func mintToken(externalUserID: String? = nil, ttlMs: Int? = nil) async throws -> String {
    var body: [String: Any] = [:]
    if let externalUserID { body["externalUserID"] = externalUserID }
    if let ttlMs { body["ttlMs"] = ttlMs }
    return (try await Self.call("POST", "/sandboxes/\(id)/tokens", body) as! [String: Any])["token"] as! String
  }

  func createConversation(for member: String, messages: Int) async throws -> String {
    (try await Self.call("POST", "/sandboxes/\(id)/conversations", ["externalUserID": member, "messages": messages]) as! [String: Any])["id"] as! String
  }

  @discardableResult
  func postAsAgent(_ conversationID: String, _ body: String) async throws -> [String: Any] {
    try await Self.call("POST", "/sandboxes/\(id)/agent-messages", ["conversationId": conversationID, "body": body]) as! [String: Any]
  }

  private static let session = URLSession(configuration: .ephemeral)

  @discardableResult
  static func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any {
    var request = URLRequest(url: URL(string: control + path)!)
    request.httpMethod = method
    if let body { request.httpBody = try JSONSerialization.data(withJSONObject: body) }
    let (data, response) = try await session.data(for: request)
    let status = (response as! HTTPURLResponse).statusCode
    guard status < 300 else { throw ControlError(message: "\(method) \(path): \(status) \(String(decoding: data, as: UTF8.self))") }
    return data.isEmpty ? [:] as [String: Any] : try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
  }

  struct ControlError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
  }
}

/// Waits until `condition` holds, checking every 50 ms for up to `seconds`; generous, as the machines are loaded.
func eventually(_ seconds: Double = 15, _ condition: () async throws -> Bool) async throws -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  while Date() < deadline {
    if try await condition() { return true }
    try await Task.sleep(for: .milliseconds(50))
  }
  return try await condition()
}
