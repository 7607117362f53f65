/// Where a client's bearer token comes from: a fixed string, or an async
/// provider that the client asks once, reuses, and asks again (once, shared by
/// every call in flight) when the API says the token expired.
///
/// ```swift
/// let expys = try ExpysClient(environment: .production, token: .provider { try await myBackend.memberToken() })
/// ```
public struct TokenSource: Sendable, ExpressibleByStringLiteral {
  enum Kind: Sendable {
    case fixed(String)
    case provider(@Sendable () async throws -> String)
  }

  let kind: Kind

  /// A token that never changes; a call that finds it expired fails with the API's error.
  public static func token(_ token: String) -> TokenSource { TokenSource(kind: .fixed(token)) }

  /// A provider, asked for the first token and again whenever the API reports the token expired.
  public static func provider(_ provider: @escaping @Sendable () async throws -> String) -> TokenSource {
    TokenSource(kind: .provider(provider))
  }

  public init(stringLiteral value: String) {
    kind = .fixed(value)
  }

  init(kind: Kind) {
    self.kind = kind
  }
}

/// The current token of a ``TokenSource``. An actor, so that concurrent calls
/// share one provider call, first and after an expiry alike. A failed provider
/// call is not kept: the next call asks again.
package actor TokenStore {
  private let source: TokenSource.Kind
  private var current: Task<String, any Error>?

  package init(_ source: TokenSource) {
    self.source = source.kind
  }

  /// Whether ``refresh(replacing:)`` can produce a different token.
  package nonisolated var canRefresh: Bool {
    if case .provider = source { true } else { false }
  }

  /// The current token. A fixed token is returned without entering the
  /// actor: most clients have one, and the hop would cost every call.
  package nonisolated func token() async throws -> String {
    switch source {
    case .fixed(let token): token
    case .provider: try await providedToken()
    }
  }

  private func providedToken() async throws -> String {
    switch source {
    case .fixed(let token):
      return token
    case .provider(let provider):
      let pending = current ?? Task { try await provider() }
      current = pending
      do {
        return try await pending.value
      } catch {
        if current == pending { current = nil }
        throw error
      }
    }
  }

  /// A token other than `expired`: the one another call already fetched, or a
  /// new one from the provider.
  package func refresh(replacing expired: String) async throws -> String {
    if let pending = current {
      if let value = try? await pending.value, value != expired { return value }
      // Others may have replaced it while this call waited; only the stale one is dropped.
      if current == pending { current = nil }
    }
    return try await providedToken()
  }
}
