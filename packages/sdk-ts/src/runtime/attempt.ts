import type { Credential } from "./credentials.ts";
import type { BodyDecoder } from "./decode-body.ts";
import { ExpysAbortError, ExpysConnectionError, ExpysError, ExpysTimeoutError } from "./errors.ts";
import type { Redact } from "./redact.ts";

/** What one attempt needs besides the request. */
export interface AttemptContext {
  fetch: typeof fetch;
  /** The credential's own sender, when fetch alone would leak it on a redirect. */
  send: Credential["send"];
  decode: BodyDecoder | undefined;
  /** The whole answer's deadline in ms, body included; 0 for none. */
  timeout: number;
  signal: AbortSignal | undefined;
  redact: Redact;
  /** The request as messages name it: method and path template, and the host. */
  where: string;
  host: string;
}

/**
 * One fetch and its body, bounded by `timeout` and the caller's signal, leaving
 * no timer or listener. Resolves to the response and its parsed body (a
 * success) or its text (anything else). A write is never redirected: fetch
 * would turn a redirected POST into a GET and return the page it lands on as
 * the write's result, so a write's 3xx comes back as the answer, an error.
 */
export async function attempt(url: string, init: RequestInit, context: AttemptContext): Promise<[Response, unknown]> {
  const { signal, timeout, where } = context;
  if (signal?.aborted) throw new ExpysAbortError("aborted", { cause: signal.reason });
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = (): void => controller.abort();
  signal?.addEventListener("abort", onAbort);
  const timer =
    timeout &&
    setTimeout(() => {
      timedOut = true;
      onAbort();
    }, timeout);
  try {
    const request: RequestInit = { ...init, signal: controller.signal, redirect: init.method === "GET" ? "follow" : "manual" };
    const response = await (context.send ?? ((fetchImpl, href, options) => fetchImpl(href, options)))(context.fetch, url, request);
    return [response, response.ok ? await (context.decode ?? readJson)(response) : await response.text()];
  } catch (error) {
    if (signal?.aborted) throw new ExpysAbortError("aborted", { cause: signal.reason });
    if (timedOut) throw new ExpysTimeoutError(`${where}: no complete answer within ${timeout} ms`, { cause: error });
    if (error instanceof ExpysError) throw error;
    throw new ExpysConnectionError(`${where}: could not reach ${context.host} (${context.redact(causeOf(error))})`, { cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** The system's reason for a failed fetch: `ECONNREFUSED`, `ENOTFOUND`, a TLS error's code, or the message. */
function causeOf(error: unknown): string {
  const { cause } = error as { cause?: { code?: unknown; message?: unknown } };
  return String(cause?.code ?? cause?.message ?? (error as Error).message ?? error);
}

/** The body of a successful answer in JSON, as the API's answers are unless an operation says otherwise. */
function readJson(response: Response): Promise<unknown> {
  return response.json().catch((error: unknown) => {
    throw new ExpysError(`the ${response.status} answer's body is not JSON`, { cause: error });
  });
}
