// Authentication: your backend exchanges the Org-API-Key for short-lived
// tokens; the app asks your backend for one through a token provider.
// Run it: swift run authentication (needs EXPYS_ORG_API_KEY too).

import Expys
import ExpysServer
import Foundation

let environment = ProcessInfo.processInfo.environment
guard let orgAPIKey = environment["EXPYS_ORG_API_KEY"],
  let memberID = environment["EXPYS_EXTERNAL_USER_ID"]
else { fatalError("Set EXPYS_ORG_API_KEY and EXPYS_EXTERNAL_USER_ID") }
let baseURL = environment["EXPYS_BASE_URL"]

// #region exchange
// On your backend only: the org key is a long-lived secret and must never
// ship in an app. ExpysServer is a library of its own, which an app never
// links.
let expysServer = try ExpysServerClient(
  environment: .sandbox, baseURL: baseURL, orgAPIKey: orgAPIKey)

// With externalUserID: a member token, which can act only for that member.
let minted = try await expysServer.exchangeToken(
  TokenExchangeRequest(externalUserID: memberID))
let member = minted.externalUserID ?? "nobody"
print(
  "Minted a \(minted.kind.rawValue) token for \(member),"
    + " valid \(minted.expiresIn) s")
// #endregion exchange

// #region backend-route
// What your backend's token route does, in whatever server framework it
// uses: identify the member with your own session first (here the id is
// fixed), then answer with a fresh token for exactly that member.
struct TokenRoute: Sendable {
  let expys: ExpysServerClient

  func token(for member: String) async throws -> (String, expiresAt: String) {
    let request = TokenExchangeRequest(externalUserID: member)
    let minted = try await expys.exchangeToken(request)
    return (minted.token, minted.expiresAt)
  }
}
let backend = TokenRoute(expys: expysServer)
// #endregion backend-route

// #region provider
// In the app: a token saved from an earlier session, if there is one, then
// the backend's token route. An actor, as the provider may be called from
// any task.
actor TokenCache {
  private var saved: String?
  private let backend: @Sendable () async throws -> String
  private(set) var calls = 0

  init(saved: String?, backend: @escaping @Sendable () async throws -> String) {
    (self.saved, self.backend) = (saved, backend)
  }

  func next() async throws -> String {
    calls += 1
    // A saved token is good for one try: after that, ask the backend.
    if let token = saved {
      saved = nil
      return token
    }
    return try await backend()
  }
}
// In a real app, the backend closure is an HTTP call to your token route.
let cache = TokenCache(saved: environment["EXPYS_MEMBER_TOKEN"]) {
  [backend, memberID] in try await backend.token(for: memberID).0
}

// Called for the first request, then again only when the API answers
// token_expired; the SDK then repeats that request once with the new token.
let expys = try ExpysClient(
  environment: .sandbox, baseURL: baseURL,
  token: .provider { try await cache.next() })

let conversations = try await expys.listConversations().conversations
print(
  "The app sees \(conversations.count) conversations;"
    + " token provider called \(await cache.calls) time(s)")
// #endregion provider

// #region machine
// Without externalUserID: a machine token, for backend jobs that act for any
// member. Every call then names the member it acts for.
let machine = try await expysServer.exchangeToken()
let worker = try ExpysClient(
  environment: .sandbox, baseURL: baseURL, token: machine.token)
let forMember = try await worker.listConversations(externalUserID: memberID)
print(
  "A \(machine.kind.rawValue) token listed"
    + " \(forMember.conversations.count) conversations for \(memberID)")
// #endregion machine
