import Expys
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The SDK's per-call cost against a raw URLSession call doing the same job:
/// sequential `listMessages(limit: 20)` against a sandbox in its own process,
/// both decoding the page into the same model. Blocks of calls alternate (SDK
/// first, then raw first); each adjacent pair gives a ratio, so drift in the
/// machine's load cancels out, and the result is the median pair ratio.
struct CallOverhead {
  let baseURL: String
  let token: String
  let conversationID: String
  var pairs = 60
  var callsPerBlock = 50

  func run() async throws -> [String: Double] {
    let expys = try ExpysClient(environment: .sandbox, baseURL: baseURL, token: token, options: ClientOptions(logLevel: .off))
    defer { expys.close() }
    let session = URLSession(configuration: .ephemeral)
    defer { session.invalidateAndCancel() }
    var request = URLRequest(url: URL(string: "\(baseURL)/v1/conversations/\(conversationID)/messages?limit=20")!)
    request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    let raw: @Sendable () async throws -> Int = { [request] in
      let (data, _) = try await session.data(for: request)
      return try JSONDecoder().decode(ListMessagesResponse.self, from: data).messages.count
    }
    let sdk: @Sendable () async throws -> Int = { try await expys.listMessages(conversationID, limit: 20).messages.count }
    for _ in 0..<5 {
      _ = try await block(raw)
      _ = try await block(sdk)
    }
    var ratios: [Double] = []
    var sdkTimes: [(wall: Double, cpu: Double)] = []
    var rawTimes: [(wall: Double, cpu: Double)] = []
    for pair in 0..<pairs {
      let sdkFirst = pair % 2 == 0
      let first = try await block(sdkFirst ? sdk : raw)
      let second = try await block(sdkFirst ? raw : sdk)
      let (ours, theirs) = sdkFirst ? (first, second) : (second, first)
      sdkTimes.append(ours)
      rawTimes.append(theirs)
      ratios.append(ours.wall / theirs.wall)
    }
    return [
      "ratio": median(ratios), "sdkMicros": median(sdkTimes.map(\.wall)), "rawMicros": median(rawTimes.map(\.wall)),
      "sdkCpuMicros": median(sdkTimes.map(\.cpu)), "rawCpuMicros": median(rawTimes.map(\.cpu)),
      "pairs": Double(pairs), "callsPerBlock": Double(callsPerBlock),
    ]
  }

  /// Wall and process CPU microseconds per call over one block.
  private func block(_ call: @Sendable () async throws -> Int) async throws -> (wall: Double, cpu: Double) {
    let cpu = processCPUMicros()
    let started = ContinuousClock.now
    for _ in 0..<callsPerBlock { guard try await call() == 20 else { fatalError("a page of 20 was expected") } }
    let wall = (ContinuousClock.now - started).microseconds / Double(callsPerBlock)
    return (wall, (processCPUMicros() - cpu) / Double(callsPerBlock))
  }
}

/// This process's CPU time (all threads), in microseconds.
func processCPUMicros() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
  return Double(time.tv_sec) * 1e6 + Double(time.tv_nsec) / 1e3
}

func median(_ values: [Double]) -> Double {
  values.sorted()[values.count / 2]
}

extension Duration {
  var microseconds: Double { Double(components.seconds) * 1e6 + Double(components.attoseconds) / 1e12 }
}
