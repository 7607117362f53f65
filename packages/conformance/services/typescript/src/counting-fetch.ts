import { type Ledger, work } from "./ledger.ts";

type Method = (...args: unknown[]) => Promise<unknown>;

/** Replaces the method `object[name]` with one that calls `after` with its result, or `onError`, once its promise settles. */
function observe(object: object, name: string, after: (result: unknown) => void, onError: () => void): void {
  const original = (object as Record<string, Method>)[name];
  if (typeof original !== "function") return;
  Object.defineProperty(object, name, {
    configurable: true,
    value: (...args: unknown[]) =>
      original.apply(object, args).then(
        (result) => {
          after(result);
          return result;
        },
        (error: unknown) => {
          onError();
          throw error;
        },
      ),
  });
}

/**
 * Calls `done` once the body of `response` is finished: read to its end,
 * failed or cancelled, through a reader or one of the Response's own readers.
 * It watches the runtime's own objects instead of wrapping them in new streams,
 * so every byte and every error reaches the SDK exactly when it would without it.
 */
function watchBody(response: Response, done: () => void): void {
  const body = response.body!;
  for (const name of ["text", "json", "arrayBuffer", "blob", "bytes", "formData"]) observe(response, name, done, done);
  observe(body, "cancel", done, done);
  const getReader = body.getReader.bind(body);
  Object.defineProperty(body, "getReader", {
    configurable: true,
    value: (...args: unknown[]) => {
      const reader = (getReader as (...args: unknown[]) => ReadableStreamDefaultReader<Uint8Array>)(...args);
      observe(reader, "read", (result) => (result as ReadableStreamReadResult<Uint8Array>).done && done(), done);
      observe(reader, "cancel", done, done);
      return reader;
    },
  });
}

/**
 * The global fetch, counting each exchange in `ledger` from the request until
 * its response body is finished or the request is aborted. The SDK takes a
 * `fetch` option for exactly this kind of instrumentation.
 */
export function countingFetch(ledger: Ledger): typeof fetch {
  return async (input, init) => {
    const context = work.getStore();
    if (context) context.sent = true;
    const close = ledger.openExchange();
    const signal = init?.signal;
    const onAbort = (): void => finish();
    const finish = (): void => {
      signal?.removeEventListener("abort", onAbort);
      close();
    };
    signal?.addEventListener("abort", onAbort);
    try {
      const response = await fetch(input, init);
      if (response.body) watchBody(response, finish);
      else finish();
      return response;
    } catch (error) {
      finish();
      throw error;
    }
  };
}
