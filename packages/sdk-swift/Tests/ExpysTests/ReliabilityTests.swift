import Expys
import ExpysServer
import Foundation
import LoopbackHTTP
import Testing

/// Fast retries for tests: the policy is the same, the waits are short.
let quickRetries = ClientOptions(maxRetries: 4, backoff: Backoff(base: .milliseconds(10), cap: .milliseconds(50)), logLevel: .off)

@Suite("Retries and idempotency, against the sandbox")
struct ReliabilityTests {
  @Test("sends through lost requests and lost answers: every ok send is stored exactly once")
  func exactlyOnce() async throws {
    let sandbox = try await Sandbox.start(["seed": "exactly-once"])
    _ = try await sandbox.fault(["operation": "sendMessage", "probability": 0.2, "action": ["type": "drop", "when": "after"]])
    _ = try await sandbox.fault(["operation": "sendMessage", "probability": 0.15, "action": ["type": "drop", "when": "before"]])
    let expys = try sandbox.client(options: quickRetries)
    let before = try await sandbox.messages(sandbox.conversationID).count
    let outcomes = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
      for index in 0..<40 {
        group.addTask {
          let text = "send \(index)"
          do { return (text, try await expys.sendMessage(sandbox.conversationID, text).ok) } catch { return (text, false) }
        }
      }
      return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
    }
    let stored = try await sandbox.messages(sandbox.conversationID).dropFirst(before).map { $0["body"] as! String }
    #expect(Set(stored).count == stored.count, "nothing is stored twice")
    for (text, ok) in outcomes where ok { #expect(stored.filter { $0 == text }.count == 1, "\(text)") }
    #expect(outcomes.values.filter { $0 }.count >= 30)
    #expect(expys.activity.isIdle)
  }

  @Test("a 503 with Retry-After is waited out and retried with the same key")
  func retryAfter() async throws {
    let sandbox = try await Sandbox.start()
    let busy = try await sandbox.fault(["operation": "sendMessage", "times": 2, "action": ["type": "status", "status": 503, "retryAfter": 0]])
    let expys = try sandbox.client(options: quickRetries)
    #expect(try await expys.sendMessage(sandbox.conversationID, "after busy").ok)
    #expect(try await busy.injected == 2)
    #expect(try await sandbox.messages(sandbox.conversationID).filter { $0["body"] as? String == "after busy" }.count == 1)
  }

  @Test("a Retry-After beyond maxRetryAfter ends the call at once with the error")
  func retryAfterTooLong() async throws {
    let sandbox = try await Sandbox.start()
    _ = try await sandbox.fault(["operation": "listConversations", "times": 1, "action": ["type": "status", "status": 429, "retryAfter": 3600]])
    let expys = try sandbox.client(options: quickRetries)
    let started = ContinuousClock.now
    await #expect {
      _ = try await expys.listConversations()
    } throws: { error in
      (error as? ExpysError)?.code == .rateLimited && (error as? ExpysError)?.retryable == true
    }
    #expect(ContinuousClock.now - started < .seconds(30))
  }

  @Test("a gateway's HTML page is an unknown code, retried for a read, and typed after the last retry")
  func gatewayPage() async throws {
    let sandbox = try await Sandbox.start()
    let gateway = try await sandbox.fault(["operation": "listConversations", "action": ["type": "gateway", "status": 502]])
    let expys = try sandbox.client(options: ClientOptions(maxRetries: 2, backoff: Backoff(base: .milliseconds(5)), logLevel: .off))
    await #expect {
      _ = try await expys.listConversations()
    } throws: { error in
      let error = error as? ExpysError
      return error?.status == 502 && error?.code == .unknown("unknown") && error?.retryable == true
    }
    #expect(try await gateway.injected == 3)
  }

  @Test("a write without an idempotency key is repeated only when the server cannot have acted on it")
  func keylessWrite() async throws {
    let options = ClientOptions(maxRetries: 2, backoff: Backoff(base: .milliseconds(5)), logLevel: .off)
    for (status, attempts) in [(500, 1), (503, 3)] {
      let sandbox = try await Sandbox.start()
      let server = try ExpysServerClient(environment: .sandbox, baseURL: sandbox.baseURL, orgAPIKey: sandbox.orgAPIKey, options: options)
      let fault = try await sandbox.fault(["operation": "exchangeToken", "action": ["type": "status", "status": status, "retryAfter": 0]])
      await #expect(throws: ExpysError.self) { _ = try await server.exchangeToken() }
      #expect(try await fault.injected == attempts, "status \(status)")
    }
  }

  @Test("a proxy's HTML 409 is not the API's idempotency_conflict")
  func proxyConflict() async throws {
    let sandbox = try await Sandbox.start()
    _ = try await sandbox.fault(["operation": "sendMessage", "action": ["type": "gateway", "status": 409]])
    let expys = try sandbox.client(options: quickRetries)
    await #expect {
      _ = try await expys.sendMessage(sandbox.conversationID, "x")
    } throws: { error in
      (error as? ExpysError)?.status == 409 && (error as? ExpysError)?.code == .unknown("unknown")
    }
  }

  @Test("the same Idempotency-Key on every attempt of a call, and the caller's own when given")
  func keys() async throws {
    let attempts = Recorded<Int>()
    let server = try TestServer { request, responder in
      attempts.append(1)
      if attempts.values.count % 2 == 1 { responder.send(status: 503) } else { responder.sendJSON(text: #"{"ok":true}"#) }
    }
    let expys = try server.client(options: quickRetries)
    _ = try await expys.sendMessage("c1", "one")
    _ = try await expys.sendMessage("c1", "two", idempotencyKey: "my-key-1")
    let keys = server.requests.map { $0.headers["idempotency-key"] ?? "" }
    #expect(keys.count == 4)
    #expect(keys[0] == keys[1] && !keys[0].isEmpty)
    #expect(keys[2] == "my-key-1" && keys[3] == "my-key-1")
    #expect(UUID(uuidString: keys[0]) != nil)
  }

  @Test("an idempotency_in_progress answer is retried with the same key, and the replay is the result")
  func inFlight() async throws {
    let answered = Counter()
    let server = try TestServer { _, responder in
      if answered.increment() == 1 {
        responder.sendJSON(status: 409, text: #"{"code":"idempotency_in_progress","message":"busy","requestId":"r1","retryable":true}"#)
      } else {
        responder.sendJSON(text: #"{"ok":true}"#, headers: [("Idempotent-Replayed", "true")])
      }
    }
    let expys = try server.client(options: quickRetries)
    #expect(try await expys.sendMessage("c1", "once").ok)
    let keys = server.requests.map { $0.headers["idempotency-key"] }
    #expect(keys.count == 2 && keys[0] == keys[1])
  }

  @Test("an idempotency_conflict is not retried")
  func conflict() async throws {
    let server = try TestServer { _, responder in
      responder.sendJSON(status: 409, text: #"{"code":"idempotency_conflict","message":"reused","requestId":"r2","retryable":false}"#)
    }
    let expys = try server.client(options: quickRetries)
    await #expect {
      _ = try await expys.sendMessage("c1", "x", idempotencyKey: "k")
    } throws: { error in
      (error as? ExpysError)?.code == .idempotencyConflict && (error as? ExpysError)?.requestID == "r2"
    }
    #expect(server.requests.count == 1)
  }
}

/// Counts calls from any thread.
final class Counter: @unchecked Sendable {
  private var value = 0
  private let lock = NSLock()

  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}
