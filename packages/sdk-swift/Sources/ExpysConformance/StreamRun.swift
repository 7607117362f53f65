import Expys
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// One `for try await` over the SDK's `streamMessages`, each message POSTed
/// to the harness as the protocol's next numbered callback, one at a time.
final class StreamRun: Sendable {
  private let task: Task<Void, Never>
  private let stopping = StopFlag()

  init(
    client: ExpysClient, conversationID: String, lastEventID: String?, externalUserID: String?, callbackURL: String,
    finished: @escaping @Sendable () -> Void
  ) {
    let stopping = self.stopping
    task = Task {
      var callbacks = 0
      func post(_ body: [String: Any]) async -> Bool {
        guard !stopping.isSet else { return false }
        callbacks += 1
        var request = URLRequest(url: URL(string: "\(callbackURL)/\(callbacks)")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try? JSONSerialization.data(withJSONObject: body)
        guard let (_, response) = try? await serviceRequest(request) else { return false }
        return (response?.statusCode ?? 500) < 300
      }
      do {
        for try await message in client.streamMessages(conversationID, externalUserID: externalUserID, lastEventID: lastEventID) {
          guard await post(["kind": "message", "message": try json(message)]) else { break }
        }
        if !stopping.isSet && !Task.isCancelled { _ = await post(["kind": "end"]) }
      } catch {
        if !stopping.isSet { _ = await post(["kind": "error", "error": ErrorReport.of(error)]) }
      }
      if !stopping.isSet { finished() }
    }
  }

  /// Cancels the consuming task (the Swift way to stop a stream) and waits until it has left its loop.
  func stop() async {
    stopping.set()
    task.cancel()
    await task.value
  }
}

final class StopFlag: @unchecked Sendable {
  private var value = false
  private let lock = NSLock()

  var isSet: Bool {
    lock.lock()
    defer { lock.unlock() }
    return value
  }

  func set() {
    lock.lock()
    value = true
    lock.unlock()
  }
}
