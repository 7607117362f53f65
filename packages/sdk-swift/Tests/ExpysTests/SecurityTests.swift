import Expys
import ExpysServer
import Foundation
import LoopbackHTTP
import Testing

/// Whether `error` is the SDK's refusal to send, naming `what`.
func isInvalid(_ error: any Error, naming what: String) -> Bool {
  guard case .invalidInput(let message) = error as? ExpysError else { return false }
  return message.contains(what)
}

@Suite("Hostile input is refused before anything is sent")
struct InputTests {
  static let okServer: @Sendable (Request, Responder) async -> Void = { _, responder in responder.sendJSON(text: emptyPage) }

  @Test("a line break, NUL or a character beyond Latin-1 in a header value", arguments: ["a\r\nX-Injected: 1", "a\nb", "a\u{0}b", "日本"])
  func headerValues(_ value: String) async throws {
    let server = try TestServer(Self.okServer)
    let expys = try server.client()
    await #expect { _ = try await expys.sendMessage("c1", "hi", idempotencyKey: value) } throws: { isInvalid($0, naming: "Idempotency-Key") }
    await #expect { _ = try await expys.listConversations(options: RequestOptions(headers: ["X-Trace": value])) } throws: { isInvalid($0, naming: "X-Trace") }
    let badToken = try server.client(token: .token("tok\(value)"))
    await #expect { _ = try await badToken.listConversations() } throws: { error in
      isInvalid(error, naming: "Authorization") && !"\(error)".contains("tok")
    }
    #expect(server.requests.isEmpty)
  }

  @Test("`.` and `..` as an id cannot change the route, and nor can an empty one", arguments: [".", "..", ""])
  func dotSegments(_ id: String) async throws {
    let server = try TestServer(Self.okServer)
    let expys = try server.client()
    await #expect { _ = try await expys.listMessages(id) } throws: { isInvalid($0, naming: "\"id\"") }
    #expect(server.requests.isEmpty)
  }

  @Test("an id with slashes, a query or a fragment stays one path segment")
  func encodedSegments() async throws {
    let server = try TestServer(Self.okServer)
    let expys = try server.client()
    _ = try await expys.listMessages("../a/b?c=d#e f", cursor: "x&y=z")
    let request = try #require(server.requests.first)
    #expect(request.path == "/v1/conversations/..%2Fa%2Fb%3Fc%3Dd%23e%20f/messages")
    #expect(request.queryValue("cursor") == "x&y=z")
  }

  @Test("a bad base URL is refused when the client is made, naming what is wrong", arguments: ["127.0.0.1:4010", "ftp://host", "http://", "http://h/?q=1", "not a url"])
  func baseURLs(_ url: String) {
    #expect { _ = try ExpysClient(environment: .sandbox, baseURL: url, token: "t") } throws: { isInvalid($0, naming: "baseURL") }
  }

  @Test("options out of range are refused")
  func options() async throws {
    #expect { _ = try ExpysClient(environment: .sandbox, token: "t", options: ClientOptions(maxRetries: -1)) } throws: { isInvalid($0, naming: "maxRetries") }
    #expect { _ = try ExpysClient(environment: .sandbox, token: "t", options: ClientOptions(timeout: .zero)) } throws: { isInvalid($0, naming: "timeout") }
    let server = try TestServer(Self.okServer)
    let expys = try server.client()
    await #expect { _ = try await expys.listConversations(options: RequestOptions(maxRetries: -2)) } throws: { isInvalid($0, naming: "maxRetries") }
    #expect(server.requests.isEmpty)
  }
}

@Suite("Credentials stay secret and at home")
struct CredentialTests {
  @Test("a credential echoed in a header or message is blanked wherever the error is shown")
  func redaction() async throws {
    let token = "sk_live_5ecret-Token-Value"
    let server = try TestServer { request, responder in
      let echoed = request.headers["authorization"] ?? ""
      responder.sendJSON(
        status: 403, text: #"{"code":"forbidden","message":"bad \#(token) here","requestId":"r9","retryable":false}"#,
        headers: [("X-Echo", echoed)])
    }
    let logged = Recorded<String>()
    let expys = try server.client(token: .token(token), options: ClientOptions(maxRetries: 0, logger: { logged.append($1) }, logLevel: .debug))
    do {
      _ = try await expys.listConversations()
      Issue.record("expected an error")
    } catch let error as ExpysError {
      let shown = ["\(error)", String(reflecting: error), error.message, error.localizedDescription, "\(error.headers)"]
      for text in shown { #expect(!text.contains(token), "\(text)") }
      #expect(error.headers["x-echo"] == "Bearer [redacted]")
      #expect(error.message == "bad [redacted] here")
    }
    #expect(!logged.values.isEmpty)
    #expect(logged.values.allSatisfy { !$0.contains(token) })
  }

  @Test("a one-character token does not scramble unrelated text, and is still blanked as a header value")
  func shortToken() async throws {
    let server = try TestServer { request, responder in
      responder.sendJSON(
        status: 404, text: #"{"code":"not_found","message":"a conversation named a was not found","requestId":"r","retryable":false}"#,
        headers: [("X-Echo", request.headers["authorization"] ?? "")])
    }
    let expys = try server.client(token: .token("a"), options: ClientOptions(maxRetries: 0, logLevel: .off))
    await #expect { _ = try await expys.listConversations() } throws: { error in
      let error = error as? ExpysError
      return error?.message == "a conversation named a was not found" && error?.headers["x-echo"] == "Bearer [redacted]"
    }
  }

  @Test("a password in the base URL never appears in an error")
  func baseURLPassword() async throws {
    let expys = try ExpysClient(environment: .sandbox, baseURL: "http://user:hunter2secret@127.0.0.1:1", token: "t", options: ClientOptions(maxRetries: 0, logLevel: .off))
    await #expect { _ = try await expys.listConversations() } throws: { error in
      if case .connection(let message, _) = error as? ExpysError { !message.contains("hunter2secret") && message.contains("127.0.0.1") } else { false }
    }
  }

  @Test("a refused connection names the host and the cause")
  func connectionRefused() async throws {
    let expys = try ExpysClient(environment: .sandbox, baseURL: "http://127.0.0.1:1", token: "t", options: ClientOptions(maxRetries: 0, logLevel: .off))
    await #expect { _ = try await expys.listConversations() } throws: { error in
      guard case .connection(let message, _) = error as? ExpysError else { return false }
      return message.contains("127.0.0.1:1") && message.contains("connection refused")
    }
  }

  @Test("a redirect to another origin is followed without the bearer token or the org key")
  func crossOriginRedirect() async throws {
    let elsewhere = try TestServer { _, responder in
      responder.sendJSON(text: #"{"conversations":[]}"#)
    }
    let home = try TestServer { request, responder in
      responder.send(status: 302, headers: [("Location", elsewhere.url + request.path)])
    }
    _ = try await home.client(token: .token("bearer-secret-1")).listConversations()
    let followed = try #require(elsewhere.requests.first)
    #expect(followed.headers["authorization"] == nil)
    #expect(home.requests.first?.headers["authorization"] == "Bearer bearer-secret-1")

    let server = try ExpysServerClient(environment: .sandbox, baseURL: home.url, orgAPIKey: "org-secret-key", options: ClientOptions(logLevel: .off))
    _ = try? await server.exchangeToken()
    #expect(elsewhere.requests.allSatisfy { $0.headers["org-api-key"] == nil })
  }

  @Test("a same-origin redirect of a read keeps its credentials", arguments: [301, 302, 307])
  func sameOriginRedirect(_ status: Int) async throws {
    let server = try TestServer { request, responder in
      if request.path.hasPrefix("/old") {
        responder.send(status: status, headers: [("Location", "/v1/conversations")])
      } else {
        responder.sendJSON(text: #"{"conversations":[]}"#)
      }
    }
    let expys = try ExpysClient(environment: .sandbox, baseURL: server.url + "/old", token: "t", options: ClientOptions(logLevel: .off))
    #expect(try await expys.listConversations().conversations.isEmpty)
    #expect(server.requests.last?.headers["authorization"] == "Bearer t")
  }

  @Test("a redirect never turns a send into a read", arguments: [301, 302, 303])
  func postRedirect(_ status: Int) async throws {
    let server = try TestServer { request, responder in
      if request.method == "POST" {
        responder.send(status: status, headers: [("Location", "/v1/conversations")])
      } else {
        responder.sendJSON(text: #"{"ok":true}"#)
      }
    }
    let expys = try server.client(options: ClientOptions(maxRetries: 0, logLevel: .off))
    await #expect { _ = try await expys.sendMessage("c1", "hello") } throws: { error in
      (error as? ExpysError)?.status == status
    }
    #expect(server.requests.map(\.method) == ["POST"])
  }
}
