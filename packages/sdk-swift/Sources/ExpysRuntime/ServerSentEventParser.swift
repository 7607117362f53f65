import Foundation

/// A streaming parser for `text/event-stream` (WHATWG HTML §9.2.5 "Parsing an
/// event stream" and §9.2.6 "Interpreting an event stream"): feed it the
/// body's chunks as they arrive, however they are split, and it emits each
/// complete event.
///
/// It works on bytes. Lines end in CRLF, LF or a lone CR, and a CRLF split
/// across two chunks is one line end. Only ASCII bytes end a line or a field
/// name, so each line is decoded as UTF-8 once it is complete and a character
/// split across chunks survives; invalid UTF-8 becomes U+FFFD, as the spec's
/// decoder makes it. Memory is bounded by `maxEventSize`.
///
/// ```swift
/// var parser = ServerSentEventParser()
/// try parser.feed(chunk) { output in
///   if case .event(let event) = output { print(event.type, event.data) }
/// }
/// ```
public struct ServerSentEventParser: Sendable {
  /// What the parser emits.
  public enum Output: Sendable, Hashable {
    /// A dispatched event.
    case event(ServerSentEvent)
    /// A valid `retry` field: the server's reconnection time in milliseconds.
    case retry(Int)
    /// A comment line's text, after the colon and one optional space (servers send them as heartbeats).
    case comment(String)
  }

  /// A line, or an event's data, longer than `maxEventSize` bytes. The parser
  /// throws it again on every later feed until ``reset()``.
  public struct EventTooLarge: Error, Sendable, CustomStringConvertible {
    public let maxEventSize: Int
    public var description: String { "a line or an event's data is over \(maxEventSize) bytes" }
  }

  /// The longest line, and the largest event data, in bytes.
  public let maxEventSize: Int
  /// The spec's last event ID string: what to send as `Last-Event-ID` on
  /// reconnect; `nil` when there is none.
  public var lastEventID: String? { lastID.isEmpty ? nil : lastID }

  private var lastID: String
  /// The part of a line still waiting for its end.
  private var partial: [UInt8] = []
  /// The previous chunk ended with CR: an LF starting the next one is part of that line end.
  private var afterCR = false
  /// No line has ended since the stream started: a leading BOM is still to be stripped.
  private var atStart = true
  private var fields = Fields()
  private var failure: EventTooLarge?

  /// - Parameters:
  ///   - lastEventID: The id in force before the first byte, such as the one a stream resumes after.
  ///   - maxEventSize: The longest line and largest event data buffered, in bytes (default 1 MiB).
  public init(lastEventID: String? = nil, maxEventSize: Int = 1 << 20) {
    lastID = lastEventID ?? ""
    self.maxEventSize = max(1, maxEventSize)
  }

  /// Starts a new stream, as for a new connection: drops the incomplete line
  /// and event (the spec discards them at the end of a stream) and the BOM
  /// check, and clears a failure. Keeps the last event id.
  public mutating func reset() {
    partial.removeAll(keepingCapacity: true)
    afterCR = false
    atStart = true
    fields.clear()
    failure = nil
  }

  /// Parses the next piece of the stream, emitting what it completes.
  ///
  /// - Throws: ``EventTooLarge``, or what `emit` throws (the rest of the chunk is then lost).
  public mutating func feed(_ chunk: some ContiguousBytes, _ emit: (Output) throws -> Void) throws {
    try chunk.withUnsafeBytes { bytes in try feed(bytes, emit) }
  }

  private mutating func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (Output) throws -> Void) throws {
    if let failure { throw failure }
    guard let base = chunk.baseAddress, chunk.count > 0 else { return }
    let count = chunk.count
    var start = 0
    if afterCR {
      afterCR = false
      if chunk[0] == Self.lf { start = 1 }
    }
    // The next LF and CR at or after `start`, found once each and reused
    // until passed, so no byte is scanned twice for the same character.
    var nextLF = -1
    var nextCR = -1
    while start < count {
      if nextLF < start { nextLF = Self.find(Self.lf, in: base, from: start, count: count) }
      if nextCR < start {
        let limit = min(count, nextLF)
        let found = Self.find(Self.cr, in: base, from: start, count: limit)
        nextCR = found < limit ? found : -1
      }
      let end = nextCR >= start ? nextCR : nextLF
      if end >= count {
        partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[start..<count]))
        if partial.count > maxEventSize { try fail() }
        return
      }
      if partial.isEmpty {
        try line(UnsafeRawBufferPointer(rebasing: chunk[start..<end]), emit)
      } else {
        partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[start..<end]))
        var whole: [UInt8] = []
        swap(&whole, &partial)
        try whole.withUnsafeBytes { try line($0, emit) }
        whole.removeAll(keepingCapacity: true)
        swap(&whole, &partial)
      }
      if chunk[end] == Self.cr {
        if end + 1 == count { afterCR = true } else if chunk[end + 1] == Self.lf { start = end + 2; continue }
      }
      start = end + 1
    }
  }

  /// One complete line, without its line end.
  private mutating func line(_ text: UnsafeRawBufferPointer, _ emit: (Output) throws -> Void) throws {
    var text = text
    if atStart {
      atStart = false
      // One leading U+FEFF per stream, as its UTF-8 bytes.
      if text.count >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF { text = UnsafeRawBufferPointer(rebasing: text[3...]) }
    }
    if text.isEmpty { return try dispatch(emit) }
    if text.count > maxEventSize { try fail() }
    // The field name runs to the first colon, and one space after the colon is
    // dropped; a line without a colon is a field name with an empty value.
    let colon = text.firstIndex(of: Self.colon) ?? text.count
    var valueStart = colon + 1
    if valueStart < text.count, text[valueStart] == Self.space { valueStart += 1 }
    let name = UnsafeRawBufferPointer(rebasing: text[0..<colon])
    let value = valueStart <= text.count ? UnsafeRawBufferPointer(rebasing: text[valueStart...]) : UnsafeRawBufferPointer(rebasing: text[text.count...])
    // Names compare exactly; unknown fields are ignored.
    if colon == 0 {
      try emit(.comment(Self.string(value)))
    } else if Self.equal(name, "data") {
      if fields.hasData { fields.data.append(Self.lf) }
      fields.data.append(contentsOf: value)
      fields.hasData = true
      if fields.data.count > maxEventSize { try fail() }
    } else if Self.equal(name, "event") {
      fields.type = Self.string(value)
    } else if Self.equal(name, "id") {
      // An id containing NUL is ignored; an empty one clears the last event id.
      if !value.contains(0) { fields.id = Self.string(value) }
    } else if Self.equal(name, "retry") {
      // Only ASCII digits alone are a reconnection time: `1.5`, `-5`, `10x` are ignored.
      if !value.isEmpty, value.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
        try emit(.retry(Int(Self.string(value)) ?? Int.max))
      }
    }
  }

  /// A blank line: the last event id is updated at every one, even after a
  /// block without data; an event is dispatched only when a data line came;
  /// the event type resets either way.
  private mutating func dispatch(_ emit: (Output) throws -> Void) throws {
    if let id = fields.id { lastID = id }
    let event = fields.hasData ? ServerSentEvent(type: fields.type.isEmpty ? "message" : fields.type, data: Self.string(fields.data), id: lastEventID) : nil
    fields.clear()
    if let event { try emit(.event(event)) }
  }

  private mutating func fail() throws -> Never {
    let failure = EventTooLarge(maxEventSize: maxEventSize)
    self.failure = failure
    throw failure
  }

  /// The fields of the event being read.
  private struct Fields: Sendable {
    var data: [UInt8] = []
    var hasData = false
    var type = ""
    /// The block's own `id` field, if it had one.
    var id: String?

    mutating func clear() {
      data.removeAll(keepingCapacity: true)
      hasData = false
      type = ""
      id = nil
    }
  }

  private static let lf = UInt8(ascii: "\n")
  private static let cr = UInt8(ascii: "\r")
  private static let colon = UInt8(ascii: ":")
  private static let space = UInt8(ascii: " ")

  /// The offset of the first `byte` in `base[from..<count]`, or `count`.
  private static func find(_ byte: UInt8, in base: UnsafeRawPointer, from: Int, count: Int) -> Int {
    guard from < count, let found = memchr(base + from, Int32(byte), count - from) else { return count }
    return UnsafeRawPointer(found) - base
  }

  private static func equal(_ bytes: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
    bytes.count == name.utf8CodeUnitCount && memcmp(bytes.baseAddress!, name.utf8Start, bytes.count) == 0
  }

  private static func string(_ bytes: UnsafeRawBufferPointer) -> String {
    String(decoding: UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count), as: UTF8.self)
  }

  private static func string(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}
