/** The parsed body of a successful call, with the HTTP response it came from. */
export interface ApiResponse<T> {
  data: T;
  response: Response;
  /** The server's id for this request (`X-Request-Id`), for support and logs. */
  requestId: string | undefined;
}

/**
 * The result of an SDK call: a Promise of the parsed body, plus `withResponse()`
 * for the raw response (status, headers, request id). The request starts when the
 * method is called, as with `fetch`.
 */
export class ApiPromise<T> implements Promise<T> {
  readonly #result: Promise<ApiResponse<T>>;

  /** @internal Created by the SDK; not part of the public constructor contract. */
  constructor(result: Promise<ApiResponse<T>>) {
    this.#result = result;
  }

  /** Resolves to the parsed body together with the raw `Response` and the request id. */
  withResponse(): Promise<ApiResponse<T>> {
    return this.#result;
  }

  // Each of these derives its promise when called, so an ApiPromise used only
  // for withResponse() has no derived promise whose rejection goes unhandled.
  // biome-ignore lint/suspicious/noThenProperty: an ApiPromise is a Promise, awaited like one, by design.
  then<Fulfilled = T, Rejected = never>(
    onfulfilled?: ((value: T) => Fulfilled | PromiseLike<Fulfilled>) | null,
    onrejected?: ((reason: unknown) => Rejected | PromiseLike<Rejected>) | null,
  ): Promise<Fulfilled | Rejected> {
    return this.#result.then((result) => result.data).then(onfulfilled, onrejected);
  }

  catch<Rejected = never>(onrejected?: ((reason: unknown) => Rejected | PromiseLike<Rejected>) | null): Promise<T | Rejected> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  declare readonly [Symbol.toStringTag]: string;
}
