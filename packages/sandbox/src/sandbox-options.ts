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
    seed: String(options.seed ?? randomBytes(8).toString("hex")),
    log: log === false ? () => undefined : log,
  };
}
