import Foundation

/// The credentials a client holds, for blanking them out of every message,
/// log line and header value it shows. Shared by all of a client's calls.
final class Secrets: Sendable {
  private let values = Locked<Set<String>>([])

  /// Secrets shorter than this are not searched for in free text: a
  /// one-character token must not turn every "a" of a message into
  /// `[redacted]`. The SDK never writes a credential into a message itself;
  /// short ones are still blanked where they stand whole, as a header value.
  static let searchedFrom = 8

  func add(_ secret: String) {
    guard !secret.isEmpty else { return }
    values.withLock { _ = $0.insert(secret) }
  }

  func redact(_ text: String) -> String {
    var result = text
    // Longest first, so a secret containing another is blanked whole.
    for secret in sorted() where secret.count >= Self.searchedFrom && result.contains(secret) {
      result = result.replacingOccurrences(of: secret, with: "[redacted]")
    }
    return result
  }

  func redact(_ headers: [String: String]) -> [String: String] {
    let secrets = sorted()
    return headers.mapValues { value in
      // A whole value, or the credential of a scheme (`Bearer <token>`).
      if let secret = secrets.first(where: { value == $0 || value.hasSuffix(" " + $0) }) {
        return value.dropLast(secret.count) + "[redacted]"
      }
      return redact(value)
    }
  }

  private func sorted() -> [String] {
    values.withLock { $0 }.sorted { $0.count > $1.count }
  }
}
