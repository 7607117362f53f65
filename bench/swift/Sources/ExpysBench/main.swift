// Prints one JSON object with every measurement; run.ts passes the sandbox in
// EXPYS_BASE_URL, EXPYS_MEMBER_TOKEN and EXPYS_CONVERSATION_ID.
import Expys
import Foundation

let environment = ProcessInfo.processInfo.environment
var results: [String: Any] = [:]
if let baseURL = environment["EXPYS_BASE_URL"], let token = environment["EXPYS_MEMBER_TOKEN"], let conversation = environment["EXPYS_CONVERSATION_ID"] {
  results["callOverhead"] = try await CallOverhead(baseURL: baseURL, token: token, conversationID: conversation).run()
}
results["parser"] = ParserThroughput().run()
results["parserMemory"] = ParserMemory().run()
let json = try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys])
FileHandle.standardOutput.write(json + Data("\n".utf8))
