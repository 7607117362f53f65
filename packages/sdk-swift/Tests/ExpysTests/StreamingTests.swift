import Expys
import Foundation
import LoopbackHTTP
import Testing

@Suite("Streaming messages against the sandbox")
struct StreamingTests {
  /// Collects the stream's messages until `count` arrived, then leaves the loop.
  static func collect(_ stream: AsyncThrowingStream<Message, any Error>, count: Int) async throws -> [Message] {
    var received: [Message] = []
    for try await message in stream {
      received.append(message)
      if received.count == count { break }
    }
    return received
  }

  @Test("delivers new messages in order, then leaving the loop closes the connection")
  func liveAndBreak() async throws {
    let sandbox = try await Sandbox.start()
    let expys = try sandbox.client()
    let reader = Task { try await Self.collect(expys.streamMessages(sandbox.conversationID), count: 3) }
    #expect(try await eventually { try await sandbox.openStreams(sandbox.conversationID) == 1 })
    for body in ["one", "two", "three"] { try await sandbox.postAsAgent(sandbox.conversationID, body) }
    let received = try await reader.value
    #expect(received.map(\.body) == ["one", "two", "three"])
    #expect(try await eventually { try await sandbox.openStreams() == 0 })
    #expect(try await eventually { expys.activity.isIdle })
  }

  @Test("cancelling the consuming task closes the connection and leaves nothing running")
  func cancelTask() async throws {
    let sandbox = try await Sandbox.start()
    let expys = try sandbox.client()
    let reader = Task { try await Self.collect(expys.streamMessages(sandbox.conversationID), count: 1000) }
    #expect(try await eventually { try await sandbox.openStreams(sandbox.conversationID) == 1 })
    reader.cancel()
    #expect(try await reader.value.isEmpty)
    #expect(try await eventually { try await sandbox.openStreams() == 0 })
    #expect(try await eventually { expys.activity.isIdle })
  }

  @Test("a stream cut again and again resumes with Last-Event-ID: every message once, in order")
  func resumesAfterCuts() async throws {
    let sandbox = try await Sandbox.start(["retryMs": 20])
    let cuts = try await sandbox.fault(["operation": "streamMessages", "times": 3, "action": ["type": "cutStream", "afterEvents": 2]])
    let expys = try sandbox.client(options: ClientOptions(backoff: Backoff(base: .milliseconds(20), cap: .milliseconds(100)), logLevel: .off))
    let reader = Task { try await Self.collect(expys.streamMessages(sandbox.conversationID), count: 10) }
    #expect(try await eventually { try await sandbox.openStreams(sandbox.conversationID) == 1 })
    for index in 1...10 { try await sandbox.postAsAgent(sandbox.conversationID, "live \(index)") }
    let received = try await reader.value
    #expect(received.map(\.body) == (1...10).map { "live \($0)" })
    #expect(try await cuts.injected == 3)
    #expect(try await eventually { expys.activity.isIdle })
  }

  @Test("lastEventID replays every message posted after it")
  func resumesFromLastEventID() async throws {
    let sandbox = try await Sandbox.start()
    let expys = try sandbox.client()
    let before = try await sandbox.messages(sandbox.conversationID)
    for index in 1...25 { try await sandbox.postAsAgent(sandbox.conversationID, "missed \(index)") }
    let resumeAfter = before.last!["id"] as! String
    let received = try await Self.collect(expys.streamMessages(sandbox.conversationID, lastEventID: resumeAfter), count: 25)
    #expect(received.map(\.body) == (1...25).map { "missed \($0)" })
  }

  @Test("a token that expired before the stream opened is refreshed once, and the stream opens")
  func refreshesOnOpen() async throws {
    let sandbox = try await Sandbox.start()
    let expired = try await sandbox.mintToken(externalUserID: sandbox.externalUserID, ttlMs: 0)
    let asked = Recorded<String>()
    let expys = try sandbox.client(
      token: .provider {
        asked.append("asked")
        return asked.values.count == 1 ? expired : sandbox.memberToken
      })
    let reader = Task { try await Self.collect(expys.streamMessages(sandbox.conversationID), count: 1) }
    #expect(try await eventually { try await sandbox.openStreams(sandbox.conversationID) == 1 })
    try await sandbox.postAsAgent(sandbox.conversationID, "after refresh")
    #expect(try await reader.value.map(\.body) == ["after refresh"])
    #expect(asked.values.count == 2)
  }

  @Test("an error answer that cannot pass ends the stream with the typed error")
  func notFound() async throws {
    let sandbox = try await Sandbox.start()
    let expys = try sandbox.client()
    await #expect {
      _ = try await Self.collect(expys.streamMessages("cnv_missing"), count: 1)
    } throws: { error in
      (error as? ExpysError)?.code == .notFound && (error as? ExpysError)?.status == 404
    }
    #expect(expys.activity.isIdle)
  }

  @Test("a Last-Event-ID with a line break is refused before anything is sent")
  func badLastEventID() async throws {
    let server = try TestServer { _, responder in responder.send(status: 500) }
    let expys = try server.client()
    await #expect {
      _ = try await Self.collect(expys.streamMessages("c1", lastEventID: "1\r\nX-Injected: yes"), count: 1)
    } throws: { error in
      guard case .invalidInput(let message) = error as? ExpysError else { return false }
      return message.contains("Last-Event-ID")
    }
    #expect(server.requests.isEmpty)
  }
}

@Suite("Streaming, through the socket")
struct StreamSocketTests {
  static let event = #"{"id":"m1","type":"text","authorID":"concierge","body":"hi","createdAt":"2026-01-01T00:00:00Z"}"#

  @Test("cancelling a stream mid-body closes its TCP connection and leaves no request, stream or timer")
  func cancelClosesSocket() async throws {
    let closed = Recorded<Bool>()
    let server = try TestServer { _, responder in
      responder.sendHead(status: 200, headers: [("Content-Type", "text/event-stream")])
      responder.write(Data("retry: 50\nid: 1\nevent: message\ndata: \(Self.event)\n\n".utf8))
      closed.append(await responder.waitForPeerClose(timeout: .seconds(30)))
    }
    let expys = try server.client()
    let first = Recorded<String>()
    let reader = Task {
      for try await message in expys.streamMessages("c1") { first.append(message.id) }
    }
    #expect(try await eventually { first.values == ["m1"] })
    reader.cancel()
    _ = try? await reader.value
    #expect(try await eventually { closed.values == [true] })
    #expect(try await eventually { expys.activity.isIdle })
    #expect(try await eventually { server.server.openConnections == 0 })
  }

  @Test("cancelling during a reconnect wait ends the wait at once")
  func cancelDuringReconnectWait() async throws {
    let server = try TestServer { _, responder in
      // Ends at once, asking for a reconnect a minute later.
      responder.sendHead(status: 200, headers: [("Content-Type", "text/event-stream")])
      responder.write(Data("retry: 60000\n\n".utf8))
      responder.drop()
    }
    let expys = try server.client()
    let reader = Task { for try await _ in expys.streamMessages("c1") {} }
    #expect(try await eventually { expys.activity.timers == 1 && expys.activity.openRequests == 0 })
    let started = ContinuousClock.now
    reader.cancel()
    _ = try? await reader.value
    #expect(try await eventually { expys.activity.isIdle })
    #expect(ContinuousClock.now - started < .seconds(30))
    #expect(server.requests.count == 1)
  }

  @Test("an answer that is not an event stream ends the stream without retrying")
  func notAnEventStream() async throws {
    let server = try TestServer { _, responder in responder.sendJSON(text: "{}") }
    let expys = try server.client()
    await #expect {
      for try await _ in expys.streamMessages("c1") {}
    } throws: { error in
      if case .invalidResponse = error as? ExpysError { true } else { false }
    }
    #expect(server.requests.count == 1)
  }

  @Test("a stream sends Accept, Cache-Control and, on reconnect, the last event id")
  func headersOnReconnect() async throws {
    let server = try TestServer { request, responder in
      responder.sendHead(status: 200, headers: [("Content-Type", "text/event-stream; charset=utf-8")])
      if request.headers["last-event-id"] == nil {
        responder.write(Data("retry: 10\nid: 7\nevent: message\ndata: \(Self.event)\n\n".utf8))
        responder.drop()
      } else {
        responder.write(Data("event: message\ndata: \(Self.event.replacingOccurrences(of: "m1", with: "m2"))\n\n".utf8))
        _ = await responder.waitForPeerClose(timeout: .seconds(30))
      }
    }
    let expys = try server.client()
    let received = try await StreamingTests.collect(expys.streamMessages("c1"), count: 2)
    #expect(received.map(\.id) == ["m1", "m2"])
    let requests = server.requests
    #expect(requests.count == 2)
    #expect(requests.allSatisfy { $0.headers["accept"] == "text/event-stream" && $0.headers["cache-control"] == "no-cache" })
    #expect(requests.map { $0.headers["last-event-id"] } == [nil, "7"])
  }
}

@Suite("Last-Event-ID beyond ASCII")
struct LastEventIDEncodingTests {
  @Test("a server's id beyond Latin-1 is sent back as its UTF-8 bytes, as HTML asks")
  func utf8ID() async throws {
    let server = try TestServer { request, responder in
      responder.sendHead(status: 200, headers: [("Content-Type", "text/event-stream")])
      if request.headers["last-event-id"] == nil {
        responder.write(Data("retry: 10\nid: 日本-€\nevent: message\ndata: \(StreamSocketTests.event)\n\n".utf8))
        responder.drop()
      } else {
        responder.write(Data("event: message\ndata: \(StreamSocketTests.event)\n\n".utf8))
        _ = await responder.waitForPeerClose(timeout: .seconds(30))
      }
    }
    let expys = try server.client()
    _ = try await StreamingTests.collect(expys.streamMessages("c1"), count: 2)
    let resumed = try #require(server.requests.last)
    // Foundation spells the name Last-Event-Id; the value's bytes are what count.
    #expect(resumed.rawHead.range(of: Data(": 日本-€\r\n".utf8)) != nil)
    #expect(resumed.headers["last-event-id"] == "日本-€")
  }
}
