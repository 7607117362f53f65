import Foundation

/// Log levels, most verbose first.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
  case debug, info, warning, error, off

  public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Receives the SDK's log lines, credentials already blanked out.
public typealias LogHandler = @Sendable (_ level: LogLevel, _ message: String) -> Void

/// The default ``LogHandler``: one line per message on standard error.
public let standardErrorLog: LogHandler = { level, message in
  FileHandle.standardError.write(Data("[expys] \(level): \(message)\n".utf8))
}

/// Drops lines below the level and redacts what it passes on.
struct Log: Sendable {
  let handler: LogHandler
  let level: LogLevel
  let secrets: Secrets

  func callAsFunction(_ at: LogLevel, _ message: @autoclosure () -> String) {
    guard at >= level, at != .off else { return }
    handler(at, secrets.redact(message()))
  }
}
