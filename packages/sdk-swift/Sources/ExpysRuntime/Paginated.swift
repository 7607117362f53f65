/// Every item of a cursor-paginated operation, fetched a page at a time as
/// the loop asks for more:
///
/// ```swift
/// for try await message in expys.listAllMessages(id, limit: 50) { … }
/// for try await page in expys.listAllMessages(id).pages { … }
/// ```
///
/// Nothing is fetched until iteration starts; each iteration starts again from
/// the first page. Cancelling the task ends the walk with
/// ``ExpysError/cancelled``.
public struct Paginated<Page: Sendable, Item: Sendable>: AsyncSequence, Sendable {
  public typealias Element = Item

  let fetch: @Sendable (_ cursor: String?) async throws(ExpysError) -> Page
  let firstCursor: String?
  let items: @Sendable (Page) -> [Item]
  let nextCursor: @Sendable (Page) -> String?

  /// Every page, starting with the first, until one has no next cursor.
  public var pages: Pages { Pages(fetch: fetch, firstCursor: firstCursor, nextCursor: nextCursor) }

  public func makeAsyncIterator() -> AsyncIterator {
    AsyncIterator(pages: pages.makeAsyncIterator(), items: items)
  }

  public struct AsyncIterator: AsyncIteratorProtocol {
    var pages: Pages.AsyncIterator
    let items: @Sendable (Page) -> [Item]
    var buffered: [Item] = []
    var index = 0

    public mutating func next() async throws -> Item? {
      while index == buffered.count {
        guard let page = try await pages.next() else { return nil }
        (buffered, index) = (items(page), 0)
      }
      defer { index += 1 }
      return buffered[index]
    }
  }

  /// The pages of a ``Paginated`` walk.
  public struct Pages: AsyncSequence, Sendable {
    public typealias Element = Page

    let fetch: @Sendable (_ cursor: String?) async throws(ExpysError) -> Page
    let firstCursor: String?
    let nextCursor: @Sendable (Page) -> String?

    public func makeAsyncIterator() -> AsyncIterator {
      AsyncIterator(fetch: fetch, cursor: firstCursor, nextCursor: nextCursor)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
      let fetch: @Sendable (_ cursor: String?) async throws(ExpysError) -> Page
      var cursor: String?
      let nextCursor: @Sendable (Page) -> String?
      var done = false

      public mutating func next() async throws -> Page? {
        guard !done else { return nil }
        let page = try await fetch(cursor)
        cursor = nextCursor(page)
        // A missing or empty cursor ends the walk; an empty one would restart it.
        done = cursor?.isEmpty ?? true
        return page
      }
    }
  }
}

extension APIClient {
  /// Walks a paginated operation, sending each next cursor in `paging`'s parameter.
  package func paginate<Page: Decodable & Sendable, Item: Sendable>(
    _ operation: OperationRequest, paging: Paging<Page, Item>, options call: RequestOptions? = nil
  ) -> Paginated<Page, Item> {
    let firstCursor = operation.query.first { $0.name == paging.cursorParameter }.flatMap { ParameterValue.pairs($0).first?.1 }
    return Paginated(
      fetch: { cursor throws(ExpysError) in
        var operation = operation
        operation.query.removeAll { $0.name == paging.cursorParameter }
        if let cursor { operation.query.append(Parameter(paging.cursorParameter, cursor)) }
        return try await self.send(operation, response: .json, options: call).value
      },
      firstCursor: firstCursor,
      items: paging.items,
      nextCursor: paging.nextCursor
    )
  }
}
