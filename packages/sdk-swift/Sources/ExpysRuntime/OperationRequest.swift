import Foundation

/// What a generated method asks the runtime to send, as the spec describes
/// the operation; the runtime spells, encodes and checks every value.
package struct OperationRequest: Sendable {
  package var method: String
  /// The path template, such as `/v1/conversations/{id}/messages`.
  package var path: String
  /// A server of the operation's own, overriding the client's base URL (resolved against it when relative).
  package var server: String?
  /// The values of the template's `{name}` segments.
  package var pathParameters: [String: any Encodable & Sendable]
  package var query: [Parameter]
  package var headers: [Parameter]
  package var cookies: [Parameter]
  package var body: RequestBody?
  /// For writes that take an idempotency key: the header that carries it.
  package var idempotencyHeader: String?
  /// The caller's own key; absent, the runtime makes one per call, the same for every retry.
  package var idempotencyKey: String?
  /// `false` for a request that repeating could apply twice (a POST or PATCH
  /// without an idempotency key: the plan decides), which is then retried only
  /// when the server cannot have acted on it.
  package var repeatable: Bool
  /// The security alternatives, by scheme id; `nil` takes the client's.
  package var security: [[String]]?

  package init(
    method: String,
    path: String,
    server: String? = nil,
    pathParameters: [String: any Encodable & Sendable] = [:],
    query: [Parameter] = [],
    headers: [Parameter] = [],
    cookies: [Parameter] = [],
    body: RequestBody? = nil,
    idempotencyHeader: String? = nil,
    idempotencyKey: String? = nil,
    repeatable: Bool = true,
    security: [[String]]? = nil
  ) {
    self.method = method
    self.path = path
    self.server = server
    self.pathParameters = pathParameters
    self.query = query
    self.headers = headers
    self.cookies = cookies
    self.body = body
    self.idempotencyHeader = idempotencyHeader
    self.idempotencyKey = idempotencyKey
    self.repeatable = repeatable
    self.security = security
  }
}

/// One query, header or cookie parameter; a `nil` value is left out.
package struct Parameter: Sendable {
  package let name: String
  package let value: (any Encodable & Sendable)?
  package let style: ParameterStyle
  package let explode: Bool

  package init(_ name: String, _ value: (any Encodable & Sendable)?, style: ParameterStyle = .form, explode: Bool = true) {
    (self.name, self.value, self.style, self.explode) = (name, value, style, explode)
  }
}

/// OpenAPI's parameter styles.
package enum ParameterStyle: Sendable {
  case form, spaceDelimited, pipeDelimited, deepObject, simple
}

/// Where a paginated operation keeps its cursor.
package struct Paging<Page: Sendable, Item: Sendable>: Sendable {
  /// The query parameter the next cursor is sent in.
  package let cursorParameter: String
  package let items: @Sendable (Page) -> [Item]
  package let nextCursor: @Sendable (Page) -> String?

  package init(cursorParameter: String, items: @escaping @Sendable (Page) -> [Item], nextCursor: @escaping @Sendable (Page) -> String?) {
    self.cursorParameter = cursorParameter
    self.items = items
    self.nextCursor = nextCursor
  }
}
