import Foundation

/// A client's call timeouts and stream watchdogs, on one dispatch timer.
///
/// A timer per call costs every call a trip through the dispatch timer
/// manager, and a cancelled `asyncAfter` would stay queued until its
/// deadline. Here the timer is set to the earliest deadline only when a new
/// one is earlier, so sequential calls, each due a minute out, reprogram it
/// about once a minute; a finished call just drops its entry.
/// `@unchecked Sendable`: dispatch sources are thread-safe, and the rest is locked.
final class Deadlines: @unchecked Sendable {
  private struct State {
    var entries: [Int: (due: DispatchTime, fire: @Sendable () -> Void)] = [:]
    var next = 0
    /// When the timer is set to fire; `nil` while it is idle.
    var scheduled: DispatchTime?
  }

  private let state = Locked(State())
  private let timer: any DispatchSourceTimer

  init() {
    timer = DispatchSource.makeTimerSource(queue: .global())
    let state = self.state
    nonisolated(unsafe) let timer = self.timer
    timer.setEventHandler {
      let now = DispatchTime.now()
      let due: [@Sendable () -> Void] = state.withLock { state in
        let expired = state.entries.filter { $0.value.due <= now }
        for id in expired.keys { state.entries[id] = nil }
        state.scheduled = state.entries.values.map(\.due).min()
        timer.schedule(deadline: state.scheduled ?? .distantFuture)
        return expired.values.map(\.fire)
      }
      for fire in due { fire() }
    }
    timer.schedule(deadline: .distantFuture)
    timer.resume()
  }

  deinit {
    timer.cancel()
  }

  /// Calls `fire` after `delay`, unless ``cancel(_:)`` comes first; returns the entry's id.
  func add(after delay: Duration, fire: @escaping @Sendable () -> Void) -> Int {
    let due = DispatchTime.now() + .nanoseconds(Int(max(0, delay.milliseconds) * 1e6))
    return state.withLock { state in
      let id = state.next
      state.next += 1
      state.entries[id] = (due, fire)
      if state.scheduled.map({ due < $0 }) ?? true {
        state.scheduled = due
        timer.schedule(deadline: due)
      }
      return id
    }
  }

  func cancel(_ id: Int) {
    _ = state.withLock { $0.entries.removeValue(forKey: id) }
  }

  /// Deadlines not yet passed or cancelled.
  var count: Int { state.withLock { $0.entries.count } }
}
