import ExpysRuntime
import Foundation
import Testing

/// One vector of conformance/sse-parser-vectors.json, the cases every SDK's parser passes.
struct ParserVector: Sendable, CustomTestStringConvertible {
  let rule: String
  let input: [UInt8]
  let events: [ServerSentEvent]
  let retries: [Int]
  let comments: [String]
  let lastEventID: String?
  let tooLarge: Bool
  let startID: String?
  let maxEventSize: Int?

  var testDescription: String { rule }

  static let all: [ParserVector] = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let file = root.appendingPathComponent("conformance/sse-parser-vectors.json")
    let document = try! JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
    return (document["vectors"] as! [[String: Any]]).map(ParserVector.init)
  }()

  init(_ json: [String: Any]) {
    rule = json["rule"] as! String
    if let text = json["input"] as? String {
      input = Array(text.utf8)
    } else {
      input = Array(Data(base64Encoded: json["inputBase64"] as! String)!)
    }
    events = (json["events"] as! [[String: Any]]).map {
      ServerSentEvent(type: $0["event"] as! String, data: $0["data"] as! String, id: $0["id"] as? String)
    }
    retries = json["retries"] as? [Int] ?? []
    comments = json["comments"] as? [String] ?? []
    lastEventID = json["lastEventId"] as? String
    tooLarge = json["error"] as? String == "event_too_large"
    let options = json["options"] as? [String: Any] ?? [:]
    startID = options["lastEventId"] as? String
    maxEventSize = options["maxEventSize"] as? Int
  }

  /// What the parser gives for the input cut into `chunks`.
  func run(_ chunks: [ArraySlice<UInt8>]) -> (events: [ServerSentEvent], retries: [Int], comments: [String], lastEventID: String?, tooLarge: Bool) {
    var parser = ServerSentEventParser(lastEventID: startID, maxEventSize: maxEventSize ?? 1 << 20)
    var seen = (events: [ServerSentEvent](), retries: [Int](), comments: [String]())
    var failed = false
    for chunk in chunks {
      do {
        try parser.feed(Array(chunk)) { output in
          switch output {
          case .event(let event): seen.events.append(event)
          case .retry(let value): seen.retries.append(value)
          case .comment(let text): seen.comments.append(text)
          }
        }
      } catch is ServerSentEventParser.EventTooLarge {
        failed = true
        break
      } catch {
        Issue.record("unexpected error \(error)")
      }
    }
    return (seen.events, seen.retries, seen.comments, parser.lastEventID, failed)
  }
}

@Suite("The SSE parser passes the shared vectors, however the input is cut")
struct ParserVectorTests {
  @Test(arguments: ParserVector.all)
  func vector(_ vector: ParserVector) {
    let bytes = vector.input[...]
    var cuts: [(String, [ArraySlice<UInt8>])] = [("whole", [bytes]), ("byte by byte", bytes.indices.map { bytes[$0...$0] })]
    for split in bytes.indices.dropFirst() { cuts.append(("split at \(split)", [bytes[..<split], bytes[split...]])) }
    for (name, chunks) in cuts {
      let result = vector.run(chunks)
      #expect(result.events == vector.events, "\(name)")
      #expect(result.retries == vector.retries, "\(name)")
      #expect(result.comments == vector.comments, "\(name)")
      #expect(result.tooLarge == vector.tooLarge, "\(name)")
      if !vector.tooLarge { #expect(result.lastEventID == vector.lastEventID, "\(name)") }
    }
  }

  @Test("the parser's memory stays bounded: an endless line fails instead of growing")
  func endlessLine() {
    var parser = ServerSentEventParser(maxEventSize: 1024)
    var failure: (any Error)?
    for _ in 0..<100 where failure == nil {
      do { try parser.feed(Array(repeating: UInt8(ascii: "x"), count: 100)) { _ in } } catch { failure = error }
    }
    #expect(failure is ServerSentEventParser.EventTooLarge)
    #expect(throws: ServerSentEventParser.EventTooLarge.self) { try parser.feed(Array("\n\n".utf8)) { _ in } }
    parser.reset()
    var events: [ServerSentEvent] = []
    try? parser.feed(Array("data: ok\n\n".utf8)) { if case .event(let event) = $0 { events.append(event) } }
    #expect(events == [ServerSentEvent(data: "ok")])
  }
}
