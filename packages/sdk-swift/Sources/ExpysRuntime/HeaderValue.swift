/// Header values are checked before anything is sent: a line break would let
/// a value inject headers (or a second request), NUL truncates it in C
/// transports, and HTTP carries only Latin-1 octets (RFC 9110 §5.5), so a
/// character beyond U+00FF has no spelling on the wire. The error names the
/// header, never the value, which may be a credential.
enum HeaderValue {
  static func check(name: String, value: String) throws(ExpysError) {
    for scalar in value.unicodeScalars {
      let code = scalar.value
      if code == 0x0D || code == 0x0A {
        throw .invalidInput(message: "the \(name) header contains a line break (CR or LF)")
      }
      if code == 0 {
        throw .invalidInput(message: "the \(name) header contains a NUL character")
      }
      if (code < 0x20 && code != 0x09) || code == 0x7F {
        throw .invalidInput(message: "the \(name) header contains a control character")
      }
      if code > 0xFF {
        throw .invalidInput(message: "the \(name) header contains a character outside Latin-1 (U+\(String(code, radix: 16, uppercase: true)))")
      }
    }
    if name.isEmpty || !name.utf8.allSatisfy(isTokenByte) {
      throw .invalidInput(message: "\"\(name)\" is not a valid header name")
    }
  }

  /// RFC 9110 `tchar`.
  private static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
    default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }
  }
}
