import Expys
import Foundation

/// The params of a call, as the harness gave them; omitted ones stay `nil`.
struct Params: Sendable {
  let conversationID: String?
  let limit: Int?
  let cursor: String?
  let externalUserID: String?
  let message: String?
  let idempotencyKey: String?

  init(_ json: [String: Any]) throws {
    func string(_ name: String) throws -> String? {
      guard let value = json[name] else { return nil }
      guard let text = value as? String else { throw ProtocolError(status: 400, message: "\(name) must be a string") }
      return text
    }
    conversationID = try string("conversationId")
    cursor = try string("cursor")
    externalUserID = try string("externalUserID")
    message = try string("message")
    idempotencyKey = try string("idempotencyKey")
    if let value = json["limit"] {
      guard let number = value as? Int else { throw ProtocolError(status: 400, message: "limit must be a whole number") }
      limit = number
    } else {
      limit = nil
    }
  }

  func required(_ value: String?, _ name: String) throws -> String {
    guard let value else { throw ProtocolError(status: 400, message: "\(name) is required") }
    return value
  }
}

/// Each protocol operation, as an app would write the call.
enum Operations {
  static let names = ["listConversations", "listMessages", "sendMessage", "listAllMessages"]

  static func run(_ operation: String, _ params: Params, on expys: ExpysClient) async throws -> Any {
    switch operation {
    case "listConversations":
      return try json(try await expys.listConversations(externalUserID: params.externalUserID))
    case "listMessages":
      let id = try params.required(params.conversationID, "conversationId")
      return try json(try await expys.listMessages(id, limit: params.limit, cursor: params.cursor, externalUserID: params.externalUserID))
    case "sendMessage":
      let id = try params.required(params.conversationID, "conversationId")
      let text = try params.required(params.message, "message")
      return try json(try await expys.sendMessage(id, text, idempotencyKey: params.idempotencyKey, externalUserID: params.externalUserID))
    default:
      let id = try params.required(params.conversationID, "conversationId")
      var messages: [Message] = []
      for try await message in expys.listAllMessages(id, limit: params.limit, cursor: params.cursor, externalUserID: params.externalUserID) {
        messages.append(message)
      }
      return try json(messages)
    }
  }
}
