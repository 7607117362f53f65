/// One event of a `text/event-stream`, as the parser dispatches it.
public struct ServerSentEvent: Sendable, Hashable {
  /// The event type: the `event` field, or `"message"` when there was none.
  public var type: String
  /// The `data` lines, joined with LF.
  public var data: String
  /// The last event id in force when the event was dispatched (its own `id`
  /// field, or an earlier one); `nil` when there is none.
  public var id: String?

  public init(type: String = "message", data: String, id: String? = nil) {
    self.type = type
    self.data = data
    self.id = id
  }
}
