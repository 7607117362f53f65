import Foundation

/// A request body as the spec encodes it.
package enum RequestBody: Sendable {
  case json(any Encodable & Sendable)
  /// `application/x-www-form-urlencoded`, from an object's members.
  case form(any Encodable & Sendable)
  /// `multipart/form-data`, from an object's members; `Data` members travel as files.
  case multipart(any Encodable & Sendable)
  case text(String, contentType: String)
  case binary(Data, contentType: String)

  /// The bytes to send and their content type.
  func encoded() throws -> (Data, String) {
    switch self {
    case .json(let value):
      return (try JSONEncoder().encode(value), "application/json")
    case .form(let value):
      let pairs = Self.members(value).flatMap { name, item in Self.texts(item).map { (name, $0) } }
      let text = pairs.map { "\(Self.formEncoded($0.0))=\(Self.formEncoded($0.1))" }.joined(separator: "&")
      return (Data(text.utf8), "application/x-www-form-urlencoded")
    case .multipart(let value):
      let boundary = "expys-\(UUID().uuidString)"
      var body = Data()
      for (name, item) in Self.members(value) {
        for text in Self.texts(item) {
          body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(text)\r\n".utf8))
        }
      }
      body.append(Data("--\(boundary)--\r\n".utf8))
      return (body, "multipart/form-data; boundary=\(boundary)")
    case .text(let text, let contentType):
      return (Data(text.utf8), contentType)
    case .binary(let data, let contentType):
      return (data, contentType)
    }
  }

  private static func members(_ value: any Encodable) -> [(String, JSONValue)] {
    guard case .object(let members) = JSONValue(encoding: value) else { return [] }
    return members.sorted { $0.key < $1.key }
  }

  /// A member's values: one per array item; nested objects as JSON text.
  private static func texts(_ value: JSONValue) -> [String] {
    switch value {
    case .null: []
    case .array(let items): items.flatMap(texts)
    case .object: [(try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""]
    case let scalar: scalar.parameterText.map { [$0] } ?? []
    }
  }

  private static func formEncoded(_ text: String) -> String {
    RequestURL.percentEncoded(text).replacingOccurrences(of: "%20", with: "+")
  }
}

/// How a successful answer's body becomes the method's result.
package struct ResponseBody<Value: Sendable>: Sendable {
  let decode: @Sendable (Data) throws -> Value
}

extension ResponseBody where Value: Decodable {
  /// A JSON body, decoded as the result's type.
  package static var json: ResponseBody { ResponseBody { try JSONDecoder().decode(Value.self, from: $0) } }
}

extension ResponseBody where Value == String {
  /// A text body, as UTF-8.
  package static var text: ResponseBody { ResponseBody { String(decoding: $0, as: UTF8.self) } }
}

extension ResponseBody where Value == Data {
  /// The body's bytes.
  package static var binary: ResponseBody { ResponseBody { $0 } }
}

extension ResponseBody where Value == Void {
  /// No body, or one the method ignores.
  package static var none: ResponseBody { ResponseBody { _ in () } }
}

/// How a stream's events become what it yields: `decode` gives the value for
/// an event, or `nil` to skip an event type the SDK does not know (so the
/// server can add types); an event whose type is in `terminal` ends the stream.
package struct StreamEvents<Event: Sendable>: Sendable {
  let decode: @Sendable (ServerSentEvent) throws -> Event?
  let terminal: Set<String>

  package init(terminal: Set<String> = [], decode: @escaping @Sendable (ServerSentEvent) throws -> Event?) {
    (self.terminal, self.decode) = (terminal, decode)
  }
}

/// What generated stream decoders read an event's data with.
package enum EventData {
  /// An event's data as JSON.
  package static func json<T: Decodable>(_ type: T.Type, _ event: ServerSentEvent) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(event.data.utf8))
  }
}
