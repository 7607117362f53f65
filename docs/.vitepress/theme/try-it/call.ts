// What the Try-it panel does with the real SDK in the browser: one call or
// one stream, every HTTP exchange recorded through the SDK's `fetch` option
// so the reader sees exactly what was sent and what came back.
import { ExpysApiError, ExpysError, initialize } from "@expys/sdk";
import type { TryItField, TryItOperation } from "./operation.ts";

/** One HTTP exchange the SDK made, as the panel shows it. */
export interface Exchange {
  method: string;
  url: string;
  headers: [string, string][];
  body?: string;
  status?: number;
  responseHeaders?: [string, string][];
  /** Why no answer came: the connection failed, or the call was stopped. */
  failure?: string;
}

/** The outcome of a call: the parsed answer, or the SDK's error described. */
export type Outcome = { ok: true; status: number; requestId?: string; data: unknown } | { ok: false; error: string };

/** A bearer token as the panel prints it: enough to tell tokens apart, not enough to use one. */
export function redact(name: string, value: string): string {
  if (name.toLowerCase() !== "authorization") return value;
  const [scheme = "", token = ""] = value.split(" ");
  return `${scheme} ${token.slice(0, 8)}…`;
}

function headerPairs(headers: HeadersInit | undefined): [string, string][] {
  return [...new Headers(headers).entries()];
}

/** A fetch that records each exchange before handing the answer back to the SDK. */
function recordingFetch(onExchange: (exchange: Exchange) => void): typeof fetch {
  return async (input, init) => {
    const exchange: Exchange = {
      method: init?.method ?? "GET",
      url: input instanceof Request ? input.url : String(input),
      headers: headerPairs(init?.headers).map(([name, value]) => [name, redact(name, value)]),
      ...(typeof init?.body === "string" ? { body: init.body } : {}),
    };
    onExchange(exchange);
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      exchange.failure = init?.signal?.aborted ? "stopped before an answer came" : `no answer: ${error instanceof Error ? error.message : String(error)}`;
      onExchange(exchange);
      throw error;
    }
    exchange.status = response.status;
    // Only the headers the server lets a page read (CORS) are visible here.
    exchange.responseHeaders = [...response.headers.entries()];
    onExchange(exchange);
    return response;
  };
}

/** A field's text as the SDK takes it; throws a message naming the field when it cannot be. */
function fieldValue(field: TryItField, text: string): unknown {
  if (field.kind === "integer" || field.kind === "number") {
    const number = Number(text);
    if (text.trim() === "" || !Number.isFinite(number) || (field.kind === "integer" && !Number.isInteger(number))) {
      throw new Error(`${field.name} must be ${field.kind === "integer" ? "a whole number" : "a number"}`);
    }
    return number;
  }
  if (field.kind === "boolean") return text === "true";
  return text;
}

/** The positional arguments and the params object for the SDK call; empty optional fields are left out. */
export function callArguments(
  operation: TryItOperation,
  values: Readonly<Record<string, string | number>>,
): { args: unknown[]; params: Record<string, unknown> } {
  const args: unknown[] = Array.from({ length: operation.arguments }, () => "");
  const params: Record<string, unknown> = {};
  for (const field of operation.fields) {
    // v-model hands a number input's value over as a number.
    const text = String(values[field.name] ?? "");
    if (text === "" && "param" in field.pass) continue;
    const value = text === "" ? "" : fieldValue(field, text);
    if ("argument" in field.pass) args[field.pass.argument] = value;
    else params[field.pass.param] = value;
  }
  return { args, params };
}

/** What the panel prints for an error the SDK raised. */
export function describeError(error: unknown): string {
  if (error instanceof ExpysApiError) {
    return [`${error.name}: ${error.status} ${error.code}`, error.message, error.requestId ? `request id ${error.requestId}` : ""].filter(Boolean).join("\n");
  }
  if (error instanceof ExpysError) return `${error.name}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

type Method = (...args: unknown[]) => unknown;

/** The SDK client and its method for the operation, recording every exchange. */
function method(operation: TryItOperation, connection: { baseUrl: string; token: string }, onExchange: (exchange: Exchange) => void): Method {
  const client = initialize({ environment: "sandbox", baseUrl: connection.baseUrl, token: connection.token, fetch: recordingFetch(onExchange) });
  const found = (client as unknown as Record<string, Method>)[operation.method];
  if (typeof found !== "function") throw new Error(`the SDK has no method ${operation.method}`);
  return found.bind(client);
}

/** One request (or one page): resolves with the answer or the error, never throws. */
export async function callOnce(
  operation: TryItOperation,
  connection: { baseUrl: string; token: string },
  values: Readonly<Record<string, string | number>>,
  onExchange: (exchange: Exchange) => void,
): Promise<Outcome> {
  try {
    const { args, params } = callArguments(operation, values);
    const result = method(operation, connection, onExchange)(...args, params) as {
      withResponse(): Promise<{ data: unknown; response: Response; requestId?: string }>;
    };
    const { data, response, requestId } = await result.withResponse();
    return { ok: true, status: response.status, ...(requestId ? { requestId } : {}), data };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

/**
 * Opens the stream and hands each message over as it arrives, until `signal`
 * aborts (which closes the connection) or the stream fails. Resolves with
 * how it ended.
 */
export async function follow(
  operation: TryItOperation,
  connection: { baseUrl: string; token: string },
  values: Readonly<Record<string, string | number>>,
  signal: AbortSignal,
  onExchange: (exchange: Exchange) => void,
  onMessage: (message: unknown) => void,
): Promise<{ stopped: boolean; error?: string }> {
  try {
    const { args, params } = callArguments(operation, values);
    const stream = method(operation, connection, onExchange)(...args, params, { signal }) as AsyncIterable<unknown>;
    for await (const message of stream) onMessage(message);
    return { stopped: false };
  } catch (error) {
    if (signal.aborted) return { stopped: true };
    return { stopped: false, error: describeError(error) };
  }
}
