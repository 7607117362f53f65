import { randomBytes } from "node:crypto";
import type { ConciergeSchedule } from "./concierge-agent.ts";

/** When the simulated concierge speaks. Omitted fields keep their defaults; `false` switches one off. */
export interface AgentOptions {
  /** Delay before the concierge replies to each message a member posts. Default 800 ms. */
  replyDelayMs?: number | false | undefined;
  /**
   * While at least one stream is open on a conversation, the concierge posts
   * an unprompted message into it this often. Default 1000 ms.
   */
  chatterIntervalMs?: number | false | undefined;
}

/** Options of `startSandbox`. Every one is optional. */
export interface SandboxOptions {
  /** The port to listen on; `0` (the default) picks a free one, so tests can run in parallel. */
  port?: number | undefined;
  /** The address to listen on. Default `127.0.0.1`. */
  host?: string | undefined;
  /** The organisation's key for `POST /v1/auth/exchange`. Default: a new random key per start. */
  orgApiKey?: string | undefined;
  /**
   * Lifetime of the tokens the sandbox mints when the exchange request does
   * not ask for one (`ttlSeconds`), of `memberToken`, and of `mintToken`'s
   * default. Default 15 minutes; tiny values are allowed, for expiry tests.
   */
  tokenTtlMs?: number | undefined;
  /**
   * The simulated concierge: `true` (the default) for the defaults, `false` to
   * switch it off for deterministic tests, or its schedule.
   */
  agent?: boolean | AgentOptions | undefined;
  /** Interval of heartbeat comments on open streams. Default 10 000 ms (the spec promises at most 15 s). */
  heartbeatMs?: number | undefined;
  /** The `retry:` hint sent at the start of each stream, in milliseconds. Default 1000. */
  retryMs?: number | undefined;
  /**
   * How many event streams one member may hold open at once (machine tokens
   * acting for the member count too); one more is `rate_limited` (429) with
   * `Retry-After: 1`. Default 50.
   */
  maxStreamsPerMember?: number | undefined;
  /**
   * How long a client has to send a request's whole header section, from its
   * first byte; slower is `request_timeout` (408), as nginx's
   * `client_header_timeout`. Default 60 000 ms.
   */
  headersTimeoutMs?: number | undefined;
  /**
   * How long a client has to send a request's whole body, once its headers are
   * in; slower is `request_timeout` (408). Default 60 000 ms.
   */
  bodyTimeoutMs?: number | undefined;
  /** The largest header section accepted; larger is `headers_too_large` (431). Default 16 384 bytes. */
  maxHeaderBytes?: number | undefined;
  /**
   * The largest JSON request body accepted; larger is `content_too_large`
   * (413), refused before it is read. Default 65 536 bytes. Routes that take no
   * body refuse any body the same way.
   */
  maxBodyBytes?: number | undefined;
  /**
   * Makes ids, demo data, the concierge's words and fault probabilities
   * repeatable. Default: a new random seed per start. Tokens and the default
   * `orgApiKey` are always random.
   */
  seed?: number | string | undefined;
  /**
   * Where the one-line-per-request log goes: a function called with each line,
   * or `false` for silence (tests). Default: standard error.
   */
  log?: false | ((line: string) => void) | undefined;
}

/** The options with every default applied and every value checked. */
export interface ResolvedOptions {
  port: number;
  host: string;
  orgApiKey: string;
  tokenTtlMs: number;
  agent: ConciergeSchedule;
  heartbeatMs: number;
  retryMs: number;
  maxStreamsPerMember: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxHeaderBytes: number;
  maxBodyBytes: number;
  seed: string;
  log: (line: string) => void;
}

function checkNumber(name: string, value: number, { min, integer }: { min: number; integer: boolean }): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new TypeError(`option ${name} must be ${integer ? "a whole number" : "a number"} >= ${min}, got ${String(value)}`);
  }
  return value;
}

function resolveAgent(agent: SandboxOptions["agent"]): ConciergeSchedule {
  if (agent === false) return { replyDelayMs: false, chatterIntervalMs: false };
  const options = agent === true || agent === undefined ? {} : agent;
  const { replyDelayMs = 800, chatterIntervalMs = 1000 } = options;
  return {
    replyDelayMs: replyDelayMs === false ? false : checkNumber("agent.replyDelayMs", replyDelayMs, { min: 0, integer: false }),
    chatterIntervalMs: chatterIntervalMs === false ? false : checkNumber("agent.chatterIntervalMs", chatterIntervalMs, { min: 1, integer: false }),
  };
}

/** Applies the defaults; throws a `TypeError` naming the first invalid option. */
export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const orgApiKey = options.orgApiKey ?? `sbx_org_${randomBytes(24).toString("base64url")}`;
  // The key travels in a header, so it must be a valid header value.
  if (typeof orgApiKey !== "string" || !/^[\x21-\x7e]+$/.test(orgApiKey)) {
    throw new TypeError("option orgApiKey must be a non-empty string of visible ASCII characters");
  }
  const port = checkNumber("port", options.port ?? 0, { min: 0, integer: true });
  if (port > 65535) throw new TypeError(`option port must be at most 65535, got ${port}`);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  return {
    port,
    host: options.host ?? "127.0.0.1",
    orgApiKey,
    tokenTtlMs: checkNumber("tokenTtlMs", options.tokenTtlMs ?? 15 * 60_000, { min: 1, integer: false }),
    agent: resolveAgent(options.agent),
    heartbeatMs: checkNumber("heartbeatMs", options.heartbeatMs ?? 10_000, { min: 1, integer: false }),
    retryMs: checkNumber("retryMs", options.retryMs ?? 1000, { min: 0, integer: true }),
    maxStreamsPerMember: checkNumber("maxStreamsPerMember", options.maxStreamsPerMember ?? 50, { min: 1, integer: true }),
    headersTimeoutMs: checkNumber("headersTimeoutMs", options.headersTimeoutMs ?? 60_000, { min: 1, integer: true }),
    bodyTimeoutMs: checkNumber("bodyTimeoutMs", options.bodyTimeoutMs ?? 60_000, { min: 1, integer: true }),
    maxHeaderBytes: checkNumber("maxHeaderBytes", options.maxHeaderBytes ?? 16 * 1024, { min: 1024, integer: true }),
    maxBodyBytes: checkNumber("maxBodyBytes", options.maxBodyBytes ?? 64 * 1024, { min: 1, integer: true }),
    seed: String(options.seed ?? randomBytes(8).toString("hex")),
    log: log === false ? () => undefined : log,
  };
}
