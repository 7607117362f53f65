import Foundation

/// What a generated method asks the runtime to send. Values arrive already
/// spelled as strings; the runtime encodes and validates them.
package struct Operation: Sendable {
  package var method: String
  /// The path template, such as `/v1/conversations/{id}/messages`.
  package var path: String
  /// The values of the template's `{name}` segments.
  package var pathParameters: [String: String]
  /// Query parameters in order; a `nil` value is left out, several values repeat the name.
  package var query: [(name: String, values: [String]?)]
  /// Header parameters; a `nil` value is left out.
  package var headers: [(name: String, value: String?)]
  /// The JSON body, if the operation has one.
  package var body: (any Encodable & Sendable)?
  /// For writes that take an idempotency key: the header that carries it.
  package var idempotencyHeader: String?
  /// The caller's own key; absent, the runtime makes one per call, the same for every retry.
  package var idempotencyKey: String?
  /// The security alternatives, by scheme id; `nil` takes the client's.
  package var security: [[String]]?

  package init(
    method: String,
    path: String,
    pathParameters: [String: String] = [:],
    query: [(name: String, values: [String]?)] = [],
    headers: [(name: String, value: String?)] = [],
    body: (any Encodable & Sendable)? = nil,
    idempotencyHeader: String? = nil,
    idempotencyKey: String? = nil,
    security: [[String]]? = nil
  ) {
    self.method = method
    self.path = path
    self.pathParameters = pathParameters
    self.query = query
    self.headers = headers
    self.body = body
    self.idempotencyHeader = idempotencyHeader
    self.idempotencyKey = idempotencyKey
    self.security = security
  }
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

/// One declared event type of a Server-Sent Events operation.
package struct StreamEventType: Sendable {
  package let name: String
  /// Whether the event's data is JSON (otherwise it is delivered as text).
  package let json: Bool
  /// Whether the stream ends after this event.
  package let terminal: Bool

  package init(name: String, json: Bool, terminal: Bool = false) {
    self.name = name
    self.json = json
    self.terminal = terminal
  }
}
