import Expys
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// One SDK client of the service, with the calls and streams it runs.
final class ClientSession: Sendable {
  let id: String
  let client: ExpysClient
  private let calls = Registry<Task<Outcome, Never>>()
  private let callIDs = LockedMap()
  private let streams = Registry<StreamRun>()
  /// Every stream id handed out, running or not: stopping one that already ended is still a stop.
  private let streamIDs = LockedMap()

  init(id: String, client: ExpysClient) {
    self.id = id
    self.client = client
  }

  func state() -> [String: Any] {
    let activity = client.activity
    return ["id": id, "openConnections": activity.openRequests, "timers": activity.timers, "streams": streams.count, "calls": calls.count]
  }

  /// Makes one call and reports its outcome; cancellable by `callId`.
  func call(_ body: [String: Any]) async throws -> [String: Any] {
    guard let operation = body["operation"] as? String, Operations.names.contains(operation) else {
      throw ProtocolError(status: 400, message: "unknown operation \(body["operation"] ?? "(none)")")
    }
    let params = try Params(body["params"] as? [String: Any] ?? [:])
    let client = self.client
    let task = Task<Outcome, Never> {
      do {
        return Outcome(value: ["ok": true, "result": try await Operations.run(operation, params, on: client)])
      } catch {
        return Outcome(value: ["ok": false, "error": ErrorReport.of(error)])
      }
    }
    let key = calls.add { _ in task }
    if let callID = body["callId"] as? String { callIDs.set(callID, key) }
    let outcome = await task.value
    calls.remove(key)
    if let callID = body["callId"] as? String { callIDs.remove(callID) }
    return outcome.value
  }

  /// Cancels a running call the Swift way (its task) and waits until the SDK call returned.
  func cancelCall(_ callID: String) async -> Bool {
    guard let key = callIDs.get(callID), let task = calls.get(key) else { return false }
    task.cancel()
    _ = await task.value
    return true
  }

  func openStream(_ body: [String: Any]) throws -> String {
    guard let conversationID = body["conversationId"] as? String else { throw ProtocolError(status: 400, message: "conversationId is required") }
    guard let callback = body["callbackUrl"] as? String, URL(string: callback) != nil else { throw ProtocolError(status: 400, message: "callbackUrl is required") }
    let streams = self.streams
    let id = streams.add { sid in
      StreamRun(
        client: client, conversationID: conversationID, lastEventID: body["lastEventID"] as? String,
        externalUserID: body["externalUserID"] as? String, callbackURL: callback
      ) { streams.remove(sid) }
    }
    streamIDs.set(id, id)
    return id
  }

  /// Stops a stream by cancelling its task, and answers once the SDK has torn it down.
  func stopStream(_ sid: String) async -> Bool {
    guard streamIDs.get(sid) != nil else { return false }
    if let run = streams.get(sid) {
      await run.stop()
      streams.remove(sid)
    }
    await settle()
    return true
  }

  /// Stops every stream and call, then closes the client.
  func close() async {
    for run in streams.removeAll() { await run.stop() }
    for task in calls.removeAll() {
      task.cancel()
      _ = await task.value
    }
    await settle()
    client.close()
  }

  /// Waits until the SDK runs no more streams than the service still consumes:
  /// the SDK counts a stream out only once its connection and timers are gone.
  private func settle() async {
    let deadline = ContinuousClock.now + .seconds(5)
    while client.activity.openStreams > streams.count, ContinuousClock.now < deadline {
      try? await Task.sleep(for: .milliseconds(5))
    }
  }
}

/// A call's report: JSON values, made and read on one task at a time.
struct Outcome: @unchecked Sendable {
  let value: [String: Any]
}

/// Call ids to registry keys.
final class LockedMap: @unchecked Sendable {
  private var map: [String: String] = [:]
  private let lock = NSLock()

  func set(_ key: String, _ value: String) {
    lock.lock()
    map[key] = value
    lock.unlock()
  }

  func get(_ key: String) -> String? {
    lock.lock()
    defer { lock.unlock() }
    return map[key]
  }

  func remove(_ key: String) {
    lock.lock()
    map[key] = nil
    lock.unlock()
  }
}
