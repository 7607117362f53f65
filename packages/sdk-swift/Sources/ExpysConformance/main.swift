// The Swift conformance service: drives the Expys Swift SDK, through its
// public API only, for the scenario suite in packages/conformance. It speaks
// the test-service protocol of packages/conformance/README.md: it listens on
// 127.0.0.1 at a free port, prints {"url": ...} as its one line of stdout,
// and serves until DELETE / or SIGTERM.
import Foundation
import LoopbackHTTP

#if canImport(Glibc)
  import Glibc
#endif

// SIGTERM is blocked before any thread exists, so every thread inherits the
// mask and only the waiting thread below receives it.
var terminateSignals = sigset_t()
sigemptyset(&terminateSignals)
sigaddset(&terminateSignals, SIGTERM)
pthread_sigmask(SIG_BLOCK, &terminateSignals, nil)

let service = ConformanceService()
let server = try LoopbackServer { request, responder in await service.handle(request, responder) }

@Sendable func stopAndExit() async -> Never {
  await service.closeAll()
  server.stop()
  exit(0)
}
service.onExit = stopAndExit

let signals = terminateSignals
Thread {
  var signals = signals
  var received: Int32 = 0
  sigwait(&signals, &received)
  Task { await stopAndExit() }
  // Closing the clients waits for their calls to end; one that never ends must not keep the service alive.
  sleep(3)
  exit(0)
}.start()

FileHandle.standardOutput.write(Data(#"{"url":"\#(server.url)"}"#.utf8 + [UInt8(ascii: "\n")]))
while true { sleep(3600) }
