import { type Ledger, work } from "./ledger.ts";

/**
 * The body of `response` as a new stream that reports when it is finished:
 * read to its end, failed or cancelled. Pull-driven (no buffering of its own),
 * so the SDK's reads reach the socket exactly as they would without it.
 */
function watchedBody(response: Response, done: () => void): Response {
  const reader = response.body!.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done: ended, value } = await reader.read();
          if (ended) {
            done();
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          done();
          controller.error(error);
        }
      },
      async cancel(reason) {
        try {
          await reader.cancel(reason);
        } finally {
          done();
        }
      },
    },
    { highWaterMark: 0 },
  );
  const watched = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  // A constructed Response has no URL of its own; the SDK may read where a redirect led.
  Object.defineProperties(watched, {
    url: { value: response.url },
    redirected: { value: response.redirected },
    type: { value: response.type },
  });
  return watched;
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
      // Statuses outside 200-599 (an opaque redirect) cannot be rebuilt, and a null body holds nothing open.
      if (!response.body || response.status < 200) {
        finish();
        return response;
      }
      return watchedBody(response, finish);
    } catch (error) {
      finish();
      throw error;
    }
  };
}
