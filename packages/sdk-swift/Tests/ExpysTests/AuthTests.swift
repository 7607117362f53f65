import Expys
import ExpysServer
import Foundation
import Testing

@Suite("Tokens: one provider call for every call in flight, a refresh the caller never sees")
struct AuthTests {
  @Test("concurrent calls share the first provider call, and one refresh after the token expired")
  func sharedRefresh() async throws {
    let sandbox = try await Sandbox.start()
    let expired = try await sandbox.mintToken(externalUserID: sandbox.externalUserID, ttlMs: 0)
    let asked = Counter()
    let expys = try sandbox.client(
      token: .provider {
        let count = asked.increment()
        try await Task.sleep(for: .milliseconds(50))
        return count == 1 ? expired : sandbox.memberToken
      })
    try await withThrowingTaskGroup(of: Int.self) { group in
      for _ in 0..<12 { group.addTask { try await expys.listConversations().conversations.count } }
      for try await count in group { #expect(count == 4) }
    }
    #expect(asked.increment() - 1 == 2)
  }

  @Test("a fixed token that expired surfaces token_expired, once")
  func fixedExpired() async throws {
    let sandbox = try await Sandbox.start()
    let expired = try await sandbox.mintToken(externalUserID: sandbox.externalUserID, ttlMs: 0)
    let expys = try sandbox.client(token: .token(expired))
    await #expect {
      _ = try await expys.listConversations()
    } throws: { error in
      (error as? ExpysError)?.code == .tokenExpired && (error as? ExpysError)?.status == 401
    }
  }

  @Test("a provider that keeps handing out expired tokens is asked once more, not in a loop")
  func expiredProvider() async throws {
    let sandbox = try await Sandbox.start()
    let expired = try await sandbox.mintToken(externalUserID: sandbox.externalUserID, ttlMs: 0)
    let asked = Counter()
    let expys = try sandbox.client(
      token: .provider {
        _ = asked.increment()
        return expired
      })
    await #expect {
      _ = try await expys.listConversations()
    } throws: { error in (error as? ExpysError)?.code == .tokenExpired }
    #expect(asked.increment() - 1 == 2)
  }

  @Test("a provider that throws is a typed error, and the next call asks again")
  func failingProvider() async throws {
    struct Offline: Error {}
    let sandbox = try await Sandbox.start()
    let asked = Counter()
    let expys = try sandbox.client(
      token: .provider {
        if asked.increment() == 1 { throw Offline() }
        return sandbox.memberToken
      })
    await #expect {
      _ = try await expys.listConversations()
    } throws: { error in
      if case .tokenProvider(let cause) = error as? ExpysError { cause is Offline } else { false }
    }
    #expect(try await expys.listConversations().conversations.count == 4)
  }

  @Test("the server client exchanges the org key for a member token the app client can use")
  func exchange() async throws {
    let sandbox = try await Sandbox.start()
    let server = try ExpysServerClient(environment: .sandbox, baseURL: sandbox.baseURL, orgAPIKey: sandbox.orgAPIKey)
    let minted = try await server.exchangeToken(TokenExchangeRequest(externalUserID: sandbox.externalUserID))
    #expect(minted.kind == .member)
    #expect(minted.externalUserID == sandbox.externalUserID)
    #expect(minted.expiresIn == 900)
    let expys = try sandbox.client(token: .token(minted.token))
    #expect(try await expys.listConversations().conversations.count == 4)
    let machine = try await server.exchangeToken()
    #expect(machine.kind == .machine && machine.externalUserID == nil)
  }
}
