/// One way of authenticating, as generated code describes a security scheme
/// of the client's.
package enum Credential: Sendable {
  /// `Authorization: Bearer <token>`, from a store that can refresh it.
  case bearer(TokenStore)
  /// A key in a header, sent as it is.
  case apiKeyHeader(name: String, value: String)
  /// A key in the query string.
  case apiKeyQuery(name: String, value: String)
  /// A key in a cookie.
  case apiKeyCookie(name: String, value: String)
  /// HTTP basic credentials.
  case basic(username: String, password: String)

  /// The header that carries the credential, for dropping it on a redirect to another origin.
  var headerName: String? {
    switch self {
    case .bearer, .basic: "authorization"
    case .apiKeyHeader(let name, _): name.lowercased()
    case .apiKeyCookie: "cookie"
    case .apiKeyQuery: nil
    }
  }
}
