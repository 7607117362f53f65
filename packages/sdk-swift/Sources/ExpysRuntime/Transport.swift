import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// What a task's delegate callbacks are routed to: one exchange per request.
protocol ExchangeEvents: AnyObject, Sendable {
  /// Header names of credentials, dropped when a redirect leaves the origin.
  var credentialHeaders: Set<String> { get }
  func received(_ response: HTTPURLResponse)
  func received(_ data: Data)
  func completed(_ error: (any Error)?)
}

extension ExchangeEvents {
  // A buffered exchange hears only its completion handler.
  func received(_ response: HTTPURLResponse) {}
  func received(_ data: Data) {}
  func completed(_ error: (any Error)?) {}
}

/// A client's one URLSession and its delegate. Short-lived sessions have
/// crashed swift-corelibs-foundation ("_MultiHandle deallocated"), and a
/// session keeps its delegate until invalidated, so a client holds one session
/// for its whole life and invalidates it when it closes or goes away.
///
/// Every task is a data task driven by delegate callbacks rather than a
/// completion handler: that is how a body streams on Linux, where
/// `URLSession.bytes` does not exist, and how redirects stay under the
/// client's rules.
final class Transport: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  private let exchanges = Locked<[Int: any ExchangeEvents]>([:])
  private let closed = Locked(false)
  // Set once in init, before any task exists.
  nonisolated(unsafe) private var session: URLSession!

  override init() {
    super.init()
    let configuration = URLSessionConfiguration.ephemeral
    // Credentials and state are the client's business, never a shared store's.
    configuration.httpShouldSetCookies = false
    configuration.httpCookieStorage = nil
    configuration.urlCache = nil
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    // Streams hold a connection each; the default of 6 per host would queue calls behind them.
    configuration.httpMaximumConnectionsPerHost = 64
    let queue = OperationQueue()
    queue.maxConcurrentOperationCount = 1
    queue.name = "expys.transport"
    session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
  }

  /// Makes a task for `request` whose callbacks go to `exchange`; `nil` once the transport is closed.
  func start(_ request: URLRequest, for exchange: any ExchangeEvents) -> URLSessionDataTask? {
    guard !closed.withLock({ $0 }) else { return nil }
    let task = session.dataTask(with: request)
    exchanges.withLock { $0[task.taskIdentifier] = exchange }
    return task
  }

  /// Makes a task for `request` whose whole answer goes to `completion` at
  /// once: one hop to the delegate queue per call instead of one per
  /// callback, which is most of what a call costs beyond the network. The
  /// session's delegate still decides its redirects.
  func startBuffered(
    _ request: URLRequest, for exchange: any ExchangeEvents, completion: @escaping @Sendable (Data?, URLResponse?, (any Error)?) -> Void
  ) -> URLSessionDataTask? {
    guard !closed.withLock({ $0 }) else { return nil }
    let exchanges = self.exchanges
    // The identifier is known only once the task exists; the handler cannot run before resume().
    let identifier = Locked(-1)
    let task = session.dataTask(with: request) { data, response, error in
      _ = exchanges.withLock { $0.removeValue(forKey: identifier.withLock { $0 }) }
      completion(data, response, error)
    }
    identifier.withLock { $0 = task.taskIdentifier }
    exchanges.withLock { $0[task.taskIdentifier] = exchange }
    return task
  }

  /// Requests whose answer has not completed.
  var openExchanges: Int { exchanges.withLock { $0.count } }

  /// Cancels every task and releases the session (and with it this delegate).
  func close() {
    guard !closed.withLock({ let was = $0; $0 = true; return was }) else { return }
    session.invalidateAndCancel()
  }

  /// Lets running tasks finish, then releases the session: for a client that went away without closing.
  func release() {
    guard !closed.withLock({ let was = $0; $0 = true; return was }) else { return }
    session.finishTasksAndInvalidate()
  }

  private func exchange(for task: URLSessionTask) -> (any ExchangeEvents)? {
    exchanges.withLock { $0[task.taskIdentifier] }
  }

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    if let response = response as? HTTPURLResponse { exchange(for: dataTask)?.received(response) }
    completionHandler(.allow)
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    exchange(for: dataTask)?.received(data)
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
    let exchange = exchanges.withLock { $0.removeValue(forKey: task.taskIdentifier) }
    exchange?.completed(error)
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
  ) {
    guard let exchange = exchange(for: task), let current = task.currentRequest ?? task.originalRequest else {
      return completionHandler(nil)
    }
    completionHandler(Redirects.follow(from: current, original: task.originalRequest ?? current, to: request, dropping: exchange.credentialHeaders))
  }
}

/// The client's redirect rules. A redirect that would change the method (a
/// 301, 302 or 303 turning a POST into a GET) is not followed: a write must
/// never become a read, so the 3xx answer itself comes back as the error. A
/// redirect to another origin is followed without the client's credentials.
enum Redirects {
  static func follow(from current: URLRequest, original: URLRequest, to proposed: URLRequest, dropping credentials: Set<String>) -> URLRequest? {
    let method = current.httpMethod ?? "GET"
    guard (proposed.httpMethod ?? "GET") == method else { return nil }
    // A body the transport would not resend is a changed request too.
    if current.httpBody != nil && proposed.httpBody == nil { return nil }
    guard let target = proposed.url, let from = original.url else { return nil }
    var request = proposed
    for (name, value) in current.allHTTPHeaderFields ?? [:] where request.value(forHTTPHeaderField: name) == nil {
      request.setValue(value, forHTTPHeaderField: name)
    }
    if !sameOrigin(target, from) {
      for name in credentials { request.setValue(nil, forHTTPHeaderField: name) }
    }
    return request
  }

  static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
    a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased() && port(a) == port(b)
  }

  private static func port(_ url: URL) -> Int? {
    url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil)
  }
}
