import Foundation

/// The credentials a client holds, for blanking them out of every message,
/// log line and header value it shows. Shared by all of a client's calls.
final class Secrets: Sendable {
  private let values = Locked<Set<String>>([])

  /// Secrets shorter than this are blanked only where they stand as a whole
  /// word: a one-character token must not turn every "a" of a message into
  /// `[redacted]`.
  static let wordOnlyBelow = 8

  func add(_ secret: String) {
    guard !secret.isEmpty else { return }
    values.withLock { _ = $0.insert(secret) }
  }

  func redact(_ text: String) -> String {
    let secrets = values.withLock { $0 }
    var result = text
    // Longest first, so a secret containing another is blanked whole.
    for secret in secrets.sorted(by: { $0.count > $1.count }) where result.contains(secret) {
      result = secret.count >= Self.wordOnlyBelow ? result.replacingOccurrences(of: secret, with: "[redacted]") : Self.redactWords(secret, in: result)
    }
    return result
  }

  func redact(_ headers: [String: String]) -> [String: String] {
    headers.mapValues(redact)
  }

  private static func redactWords(_ secret: String, in text: String) -> String {
    var result = ""
    var rest = text[...]
    while let range = rest.range(of: secret) {
      let before = range.lowerBound == rest.startIndex ? result.last : rest[rest.index(before: range.lowerBound)]
      let after = range.upperBound == rest.endIndex ? nil : rest[range.upperBound]
      let whole = !(before.map(isWordCharacter) ?? false) && !(after.map(isWordCharacter) ?? false)
      result += rest[..<range.lowerBound]
      result += whole ? "[redacted]" : String(rest[range])
      rest = rest[range.upperBound...]
    }
    return result + rest
  }

  private static func isWordCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || "-_.~+/=".contains(character)
  }
}
