import { startSandbox, type Sandbox, type SandboxOptions } from "@expys/sandbox";
import { initialize, type InitializeOptions } from "../src/index.ts";

/** A quiet sandbox with the concierge off, so tests control every message. */
export function quietSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ log: false, agent: false, ...options });
}

/** A request as it left the SDK. */
export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
}

/**
 * The global fetch, with every request recorded: the requests reach the real
 * sandbox unchanged; the test only reads what was sent.
 */
export function recordingFetch(): { fetch: typeof fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const recording: typeof fetch = (input, init) => {
    sent.push({ method: init?.method ?? "GET", url: new URL(String(input)), headers: new Headers(init?.headers) });
    return fetch(input, init);
  };
  return { fetch: recording, sent };
}

/** A client of `sandbox` for its demo member, with fast retries unless overridden. */
export function clientOf(sandbox: Sandbox, options: Partial<InitializeOptions> = {}) {
  return initialize({
    baseUrl: sandbox.baseUrl,
    environment: "sandbox",
    token: sandbox.memberToken,
    backoff: { baseMs: 1, capMs: 5 },
    logLevel: "off",
    ...options,
  });
}
