import Foundation

/// Builds request URLs. Each path value is percent-encoded as one segment, so
/// `/`, `?` or `#` in an id cannot change the route; `.` and `..`, which URL
/// parsers resolve as segments even when encoded, are refused, as is an empty
/// value.
enum RequestURL {
  static func build(base: String, operation: OperationRequest, extraQuery: [(String, String)]) throws(ExpysError) -> URL {
    var path = ""
    var rest = operation.path[...]
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      let name = String(rest[rest.index(after: open)..<close])
      let value = operation.pathParameters[name].flatMap { ParameterValue.text($0) } ?? ""
      if value.isEmpty { throw .invalidInput(message: "the path parameter \"\(name)\" must not be empty") }
      if value == "." || value == ".." { throw .invalidInput(message: "the path parameter \"\(name)\" must not be \"\(value)\"") }
      path += rest[..<open] + percentEncoded(value)
      rest = rest[rest.index(after: close)...]
    }
    path += rest
    var pairs: [String] = []
    for parameter in operation.query {
      for (name, value) in ParameterValue.pairs(parameter) { pairs.append("\(percentEncoded(name))=\(percentEncoded(value))") }
    }
    for (name, value) in extraQuery { pairs.append("\(percentEncoded(name))=\(percentEncoded(value))") }
    let root = try operation.server.map { server throws(ExpysError) in try resolve(server, against: base) } ?? base
    let text = root + path + (pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&"))
    guard let url = URL(string: text) else { throw .invalidInput(message: "cannot form a URL for \(operation.path)") }
    return url
  }

  /// An operation's own server, absolute or relative to the client's base URL.
  private static func resolve(_ server: String, against base: String) throws(ExpysError) -> String {
    guard let url = URL(string: server, relativeTo: URL(string: base + "/")) else {
      throw .invalidInput(message: "the operation's server \"\(server)\" is not a URL")
    }
    var text = url.absoluteString
    while text.hasSuffix("/") { text.removeLast() }
    return text
  }

  /// Everything but RFC 3986's unreserved characters, as UTF-8 `%XX`.
  static func percentEncoded(_ value: String) -> String {
    var encoded = ""
    encoded.reserveCapacity(value.utf8.count)
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
        encoded.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        encoded += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
      }
    }
    return encoded
  }

  /// A base URL as given to a client: `http(s)://host[:port][/path]`, without
  /// a query or fragment; returned without a trailing slash. Credentials in it
  /// are recorded as secrets.
  static func validatedBase(_ text: String, secrets: Secrets) throws(ExpysError) -> String {
    guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
      throw .invalidInput(message: "baseURL \"\(text)\" is not an absolute URL (expected http:// or https://)")
    }
    if let password = components.password { secrets.add(password) }
    if let user = components.user { secrets.add(user) }
    let shown = secrets.redact(text)
    guard scheme == "http" || scheme == "https" else {
      throw .invalidInput(message: "baseURL \"\(shown)\" must use http or https, not \(scheme)")
    }
    guard let host = components.host, !host.isEmpty else { throw .invalidInput(message: "baseURL \"\(shown)\" has no host") }
    guard components.query == nil, components.fragment == nil else {
      throw .invalidInput(message: "baseURL \"\(shown)\" must not have a query or fragment")
    }
    var base = text
    while base.hasSuffix("/") { base.removeLast() }
    return base
  }
}
