import Expys
import Foundation
import LoopbackHTTP
import Testing

@Suite("Timeouts and cancellation of calls")
struct CallTests {
  @Test("a body that never ends is a timeout, not a hang and not a parse error")
  func stalledBody() async throws {
    let server = try TestServer { _, responder in
      responder.sendHead(status: 200, headers: [("Content-Type", "application/json"), ("Content-Length", "500")])
      responder.write(Data(#"{"conversations":["#.utf8))
      _ = await responder.waitForPeerClose(timeout: .seconds(30))
    }
    let expys = try server.client(options: ClientOptions(maxRetries: 1, timeout: .milliseconds(300), backoff: Backoff(base: .milliseconds(5)), logLevel: .off))
    await #expect { _ = try await expys.listConversations() } throws: { error in
      if case .timeout = error as? ExpysError { true } else { false }
    }
    #expect(server.requests.count == 2)
    #expect(try await eventually { expys.activity.isIdle })
  }

  @Test("cancelling the task ends the call at once, closes its request, and leaves no timer")
  func cancel() async throws {
    let sandbox = try await Sandbox.start()
    _ = try await sandbox.fault(["operation": "listConversations", "times": 1, "action": ["type": "latency", "ms": 20000]])
    let expys = try sandbox.client()
    let call = Task { try await expys.listConversations() }
    #expect(try await eventually { expys.activity.openRequests == 1 })
    call.cancel()
    await #expect { _ = try await call.value } throws: { error in
      if case .cancelled = error as? ExpysError { true } else { false }
    }
    #expect(expys.activity.isIdle)
  }

  @Test("cancelling during a retry wait ends the wait at once")
  func cancelWait() async throws {
    let server = try TestServer { _, responder in responder.send(status: 503, headers: [("Retry-After", "30")]) }
    let expys = try server.client(options: ClientOptions(maxRetries: 3, logLevel: .off))
    let call = Task { try await expys.listConversations() }
    #expect(try await eventually { expys.activity.timers == 1 && expys.activity.openRequests == 0 })
    call.cancel()
    await #expect { _ = try await call.value } throws: { error in
      if case .cancelled = error as? ExpysError { true } else { false }
    }
    #expect(expys.activity.isIdle)
    #expect(server.requests.count == 1)
  }

  @Test("closing the client cancels what runs and refuses later calls")
  func close() async throws {
    let sandbox = try await Sandbox.start()
    let expys = try sandbox.client()
    let stream = Task { for try await _ in expys.streamMessages(sandbox.conversationID) {} }
    #expect(try await eventually { try await sandbox.openStreams() == 1 })
    expys.close()
    _ = try? await stream.value
    #expect(try await eventually { try await sandbox.openStreams() == 0 })
    await #expect { _ = try await expys.listConversations() } throws: { error in
      if case .cancelled = error as? ExpysError { true } else { false }
    }
  }

  @Test("the request id of a result comes with it")
  func requestID() async throws {
    let sandbox = try await Sandbox.start()
    let expys = try sandbox.client()
    let response = try await expys.withResponse.listConversations()
    #expect(response.status == 200)
    #expect(response.value.conversations.count == 4)
    #expect(response.requestID?.isEmpty == false)
    #expect(response.headers["x-request-id"] == response.requestID)
  }

  @Test("every request names the SDK and its version")
  func clientHeader() async throws {
    let server = try TestServer { _, responder in responder.sendJSON(text: #"{"conversations":[]}"#) }
    _ = try await server.client().listConversations()
    #expect(server.requests.first?.headers["x-expys-client"]?.hasPrefix("@expys/sdk-swift/") == true)
  }
}
