import Expys
import Foundation
import Testing

@Suite("Models decode and encode with the spec's exact optionality")
struct ModelTests {
  @Test("a required nullable field accepts null but not absence")
  func requiredNullable() throws {
    let withNull = #"{"id":"m1","type":"text","authorID":"a","body":null,"createdAt":"2026-01-01T00:00:00Z"}"#
    let message = try JSONDecoder().decode(Message.self, from: Data(withNull.utf8))
    #expect(message.body == nil)
    let missing = #"{"id":"m1","type":"text","authorID":"a","createdAt":"2026-01-01T00:00:00Z"}"#
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(Message.self, from: Data(missing.utf8)) }
  }

  @Test("a required nullable field is encoded as null, not left out")
  func encodesNull() throws {
    let conversation = Conversation(id: "c1", type: "support", title: nil, lastMessageAt: nil)
    let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(conversation)) as! [String: Any]
    #expect(Set(object.keys) == ["id", "type", "title", "lastMessageAt"])
    #expect(object["title"] is NSNull)
  }

  @Test("unknown fields are ignored, so the API can add them")
  func unknownFields() throws {
    let json = #"{"ok":true,"extra":{"nested":1}}"#
    #expect(try JSONDecoder().decode(SendMessageResponse.self, from: Data(json.utf8)).ok)
  }

  @Test("error codes round-trip, and an unknown one is kept")
  func errorCodes() throws {
    #expect(ErrorCode(rawValue: "rate_limited") == .rateLimited)
    #expect(ErrorCode.tokenExpired.rawValue == "token_expired")
    #expect(ErrorCode(rawValue: "brand_new") == .unknown("brand_new"))
    let decoded = try JSONDecoder().decode([ErrorCode].self, from: Data(#"["not_found","future_code"]"#.utf8))
    #expect(decoded == [.notFound, .unknown("future_code")])
  }
}
