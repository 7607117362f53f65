// Pagination: one page and its cursor, then every message with
// `for try await`, then page by page. Run it: swift run pagination

import Expys
import Foundation

let environment = ProcessInfo.processInfo.environment
guard let token = environment["EXPYS_MEMBER_TOKEN"],
  let conversationID = environment["EXPYS_CONVERSATION_ID"]
else { fatalError("Set EXPYS_MEMBER_TOKEN and EXPYS_CONVERSATION_ID") }

let expys = try ExpysClient(
  environment: .sandbox, baseURL: environment["EXPYS_BASE_URL"], token: token)

// #region one-page
// listMessages gives exactly one page: the newest messages.
let newest = try await expys.listMessages(conversationID, limit: 50)
let more = newest.nextCursor != nil
print("Newest page: \(newest.messages.count) messages, more: \(more)")

// Pass nextCursor back as `cursor` for the page of older messages.
if let cursor = newest.nextCursor {
  let older = try await expys.listMessages(
    conversationID, limit: 50, cursor: cursor)
  print("Next page: \(older.messages.count) older messages")
}
// #endregion one-page

// #region every-message
// listAllMessages is an AsyncSequence of every message: it fetches the next
// page only when the loop gets there, and leaving the loop stops fetching.
var total = 0
var earliest: String?
for try await message in expys.listAllMessages(conversationID, limit: 50) {
  total += 1
  // Pages come newest first but read oldest first inside: compare, don't
  // assume.
  if earliest.map({ message.createdAt < $0 }) ?? true {
    earliest = message.createdAt
  }
}
print("Every message: \(total), the first posted at \(earliest ?? "never")")
// #endregion every-message

// #region pages
// Or take whole pages, for example to render them in chunks.
var sizes: [Int] = []
let walk = expys.listAllMessages(conversationID, limit: 50)
for try await page in walk.pages {
  sizes.append(page.messages.count)
}
let list = sizes.map(String.init).joined(separator: ", ")
print("\(sizes.count) pages of \(list) messages")
// #endregion pages
