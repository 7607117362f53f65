import type { BodyDecoder } from "./decode-body.ts";
import { abortedBy, ExpysConnectionError, ExpysError, ExpysTimeoutError } from "./errors.ts";
import type { Prepared } from "./prepared.ts";

/**
 * One attempt of a call: `prepared` sent, and its body read (decoded by
 * `decode` when the answer is a success), within `timeout` ms (0 for no
 * bound) and `signal`. `where` names the request in messages.
 */
export type Attempt = (
  prepared: Prepared,
  decode: BodyDecoder | undefined,
  timeout: number,
  signal: AbortSignal | undefined,
  where: string,
) => Promise<[Response, unknown]>;

/**
 * How a client makes one attempt, with its fetch, and the message for a
 * request that got no answer (see `unreachable` in `createClient`): one
 * fetch and its body, bounded by the timeout and the caller's signal, leaving
 * no timer or listener. Resolves to the response and its parsed body (a
 * success) or its text (anything else). A write is never redirected: fetch
 * would turn a redirected POST into a GET and return the page it lands on as
 * the write's result, so a write's 3xx comes back as the answer, an error.
 */
export function attempter(fetchImpl: typeof fetch, unreachable: (where: string, cause: string) => string): Attempt {
  return async ({ requestUrl: url, requestInit: init, sender: send }, decode, timeout, signal, where) => {
    if (signal?.aborted) throw abortedBy(signal);
    // Aborted by the caller's signal or, when that did not abort, by the timer.
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal?.addEventListener("abort", onAbort);
    const timer = timeout && setTimeout(onAbort, timeout);
    try {
      const response = await send(fetchImpl, url, { ...init, signal: controller.signal, redirect: init.method === "GET" ? "follow" : "manual" });
      return [response, response.ok ? await (decode ?? readJson)(response) : await response.text()];
    } catch (error) {
      if (signal?.aborted) throw abortedBy(signal);
      if (controller.signal.aborted) throw new ExpysTimeoutError(`${where}: no complete answer within ${timeout} ms`, { cause: error });
      if (error instanceof ExpysError) throw error;
      throw new ExpysConnectionError(unreachable(where, causeOf(error)), { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  };
}

/** The system's reason for a failed fetch: `ECONNREFUSED`, `ENOTFOUND`, a TLS error's code, or the message. */
export function causeOf(error: unknown): string {
  const { cause } = error as { cause?: { code?: unknown; message?: unknown } };
  return String(cause?.code ?? cause?.message ?? (error as Error).message ?? error);
}

/** The body of a successful answer in JSON, as the API's answers are unless an operation says otherwise. */
function readJson(response: Response): Promise<unknown> {
  return response.json().catch((error: unknown) => {
    throw new ExpysError(`the ${response.status} answer's body is not JSON`, { cause: error });
  });
}
