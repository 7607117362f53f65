import Expys
import Foundation

/// A corpus like the API's stream: message events of about 264 bytes with an
/// id, a type and JSON data, and a heartbeat comment every 50 events.
func corpus(events: Int) -> [UInt8] {
  var text = "retry: 1000\n\n"
  for index in 0..<events {
    if index % 50 == 0 { text += ": heartbeat\n\n" }
    let id = String(format: "msg_%08d", index)
    text += "id: \(id)\nevent: message\ndata: {\"id\":\"\(id)\",\"type\":\"text\",\"authorID\":\"concierge\",\"body\":\"Your table for two is booked for Friday at 8pm; reply here to change it.\",\"createdAt\":\"2026-11-22T18:30:00.000Z\"}\n\n"
  }
  return Array(text.utf8)
}

/// Parser throughput over 50 MB in 64 KiB chunks, beside two things a user
/// might write instead: the usual hand-rolled parser (decode each chunk to a
/// String, split it into lines, switch on the field; it gets CR, BOM, split
/// characters and split lines wrong) and, as the floor nothing can beat, a
/// byte scan that only counts `\n\n`.
struct ParserThroughput {
  func run() -> [String: Any] {
    let one = corpus(events: 4000)
    var data: [UInt8] = []
    while data.count < 50_000_000 { data += one }
    let chunks = stride(from: 0, to: data.count, by: 65536).map { data[$0..<min($0 + 65536, data.count)] }
    let megabytes = Double(data.count) / 1e6
    var rows: [String: Any] = [:]
    for (name, parse) in [("expys", parseWithExpys), ("handRolled", parseByHand), ("scanOnly", scanOnly)] as [(String, ([ArraySlice<UInt8>]) -> Int)] {
      _ = parse(chunks)
      var rates: [Double] = []
      var events = 0
      for _ in 0..<5 {
        let started = ContinuousClock.now
        events = parse(chunks)
        rates.append(megabytes / ((ContinuousClock.now - started).microseconds / 1e6))
      }
      rows[name] = ["megabytesPerSecond": median(rates), name == "scanOnly" ? "blankLines" : "events": events]
    }
    rows["megabytes"] = megabytes
    return rows
  }

  func parseWithExpys(_ chunks: [ArraySlice<UInt8>]) -> Int {
    var parser = ServerSentEventParser()
    var events = 0
    for chunk in chunks {
      try! parser.feed(chunk.withContiguousStorageIfAvailable { UnsafeRawBufferPointer($0) }!) { output in
        if case .event = output { events += 1 }
      }
    }
    return events
  }

  func parseByHand(_ chunks: [ArraySlice<UInt8>]) -> Int {
    var events = 0
    var pending = ""
    var data: [String] = []
    for chunk in chunks {
      pending += String(decoding: chunk, as: UTF8.self)
      var lines = pending.components(separatedBy: "\n")
      pending = lines.removeLast()
      for line in lines {
        if line.isEmpty {
          if !data.isEmpty { events += 1 }
          data.removeAll()
        } else if line.hasPrefix("data:") {
          data.append(String(line.dropFirst(5)).trimmingCharacters(in: .whitespaces))
        }
      }
    }
    return events
  }

  func scanOnly(_ chunks: [ArraySlice<UInt8>]) -> Int {
    var events = 0
    var previous: UInt8 = 0
    for chunk in chunks {
      chunk.withUnsafeBufferPointer { bytes in
        var index = 0
        while index < bytes.count {
          guard let found = memchr(bytes.baseAddress! + index, 10, bytes.count - index) else { break }
          let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress!
          if (at > 0 ? bytes[at - 1] : previous) == 10 { events += 1 }
          index = at + 1
        }
        previous = bytes.last ?? previous
      }
    }
    return events - 1
  }
}

/// The parser's resident memory while it reads 1,000,000 events, sampled
/// every 100,000: flat means nothing accumulates per event.
struct ParserMemory {
  func run() -> [String: Any] {
    let batch = corpus(events: 10_000)
    var parser = ServerSentEventParser()
    var events = 0
    var samples: [Double] = []
    for round in 1...100 {
      try! batch.withUnsafeBytes { bytes in
        var offset = 0
        while offset < bytes.count {
          let end = min(offset + 65536, bytes.count)
          try parser.feed(UnsafeRawBufferPointer(rebasing: bytes[offset..<end])) { output in
            if case .event = output { events += 1 }
          }
          offset = end
        }
      }
      if round % 10 == 0 { samples.append(residentMegabytes()) }
    }
    return ["events": events, "residentMegabytes": samples, "growthMegabytes": (samples.last ?? 0) - (samples.first ?? 0)]
  }

  private func residentMegabytes() -> Double {
    #if os(Linux)
      let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
      let pages = Double(statm.split(separator: " ").dropFirst().first ?? "0") ?? 0
      return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1e6
    #else
      return 0
    #endif
  }
}
