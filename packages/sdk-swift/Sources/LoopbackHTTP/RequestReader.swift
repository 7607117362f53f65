import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads HTTP/1.1 requests off a socket: the head up to its blank line, then
/// a `Content-Length` body. Chunked request bodies are not needed by any client here.
final class RequestReader {
  private let fd: Int32
  private var buffer = Data()
  /// Bounds what a client can make the server hold.
  private let maxHead = 64 << 10
  private let maxBody = 16 << 20

  init(fd: Int32) {
    self.fd = fd
  }

  /// The next request, or `nil` when the connection closed or sent something unreadable.
  func next() -> Request? {
    let separator = Data("\r\n\r\n".utf8)
    var headEnd = buffer.range(of: separator)
    while headEnd == nil {
      guard buffer.count < maxHead, fill() else { return nil }
      headEnd = buffer.range(of: separator)
    }
    guard let headEnd else { return nil }
    let rawHead = buffer.subdata(in: buffer.startIndex..<headEnd.upperBound)
    buffer.removeSubrange(buffer.startIndex..<headEnd.upperBound)
    let lines = String(decoding: rawHead, as: UTF8.self).components(separatedBy: "\r\n")
    let parts = lines[0].split(separator: " ")
    guard parts.count == 3 else { return nil }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() where !line.isEmpty {
      guard let colon = line.firstIndex(of: ":") else { return nil }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let length = Int(headers["content-length"] ?? "0") ?? -1
    guard length >= 0, length <= maxBody else { return nil }
    while buffer.count < length {
      guard fill() else { return nil }
    }
    let body = buffer.prefix(length)
    buffer.removeFirst(length)
    let target = String(parts[1])
    let (path, query) = split(target)
    return Request(method: String(parts[0]), path: path, query: query, headers: headers, rawHead: rawHead, body: Data(body))
  }

  private func fill() -> Bool {
    var chunk = [UInt8](repeating: 0, count: 16 << 10)
    while true {
      let count = recv(fd, &chunk, chunk.count, 0)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return false }
      buffer.append(contentsOf: chunk[0..<count])
      return true
    }
  }

  private func split(_ target: String) -> (String, [(name: String, value: String)]) {
    guard let mark = target.firstIndex(of: "?") else { return (target, []) }
    let query = target[target.index(after: mark)...].split(separator: "&").map { pair -> (name: String, value: String) in
      let items = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decode(_ text: Substring) -> String { text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text) }
      return (decode(items[0]), items.count > 1 ? decode(items[1]) : "")
    }
    return (String(target[..<mark]), query)
  }
}
