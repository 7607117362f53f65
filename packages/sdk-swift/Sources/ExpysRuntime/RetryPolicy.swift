import Foundation

/// When a failed call is worth repeating.
enum RetryPolicy {
  /// Whether an error answer is worth retrying: 408, 429 and 503 say the
  /// server did not act on the request, so they always are; 500, 502 and 504
  /// may follow a partial write, so only a repeatable request is; a 409 only
  /// when the server says a request with the same key is still in flight.
  static func shouldRetry(_ failure: APIFailure, repeatable: Bool, inFlightCode: String?) -> Bool {
    switch failure.status {
    case 409: repeatable && failure.rawCode == inFlightCode
    case 408, 429, 503: true
    case 500, 502, 504: repeatable
    default: false
    }
  }

  /// A `Retry-After` value (RFC 9110 §10.2.3): delta-seconds or an HTTP-date,
  /// measured from `now`; `nil` when absent or malformed.
  static func retryAfter(_ value: String?, now: Date = Date()) -> Duration? {
    guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
    if value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
      return Int(value).map { .seconds($0) } ?? .seconds(Int.max / 1_000_000_000)
    }
    for format in httpDateFormats {
      if let date = formatter(format).date(from: value) {
        return .milliseconds(max(0, date.timeIntervalSince(now) * 1000))
      }
    }
    return nil
  }

  /// IMF-fixdate, the obsolete RFC 850 form, and asctime (RFC 9110 §5.6.7).
  private static let httpDateFormats = ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"]

  private static func formatter(_ format: String) -> DateFormatter {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = format
    return formatter
  }
}
