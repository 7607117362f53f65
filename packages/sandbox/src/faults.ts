import type { OperationSpec } from "./api-description.ts";
import { ApiError, errorCodes } from "./api-error.ts";
import type { ErrorCode, OperationId } from "./api-types.ts";
import type { Random } from "./random.ts";

/**
 * What an injected fault does.
 *
 * - `status`: answer with an error of the taxonomy instead of handling the
 *   request (nothing is written). `code` picks among codes sharing a status
 *   (default: the first in the table, such as `unauthorized` for 401);
 *   `retryAfter` sets `Retry-After` in seconds (429 always has it, default 1).
 * - `drop`: destroy the connection with no response, `before` handling the
 *   request (nothing is written) or `after` it (a write is committed and its
 *   idempotency key completed; only the response is lost).
 * - `cutStream`: on the stream route, destroy the connection once
 *   `afterEvents` message events have been flushed to it.
 * - `latency`: wait `ms` before running the operation, after authentication,
 *   validation and (for a write) claiming its idempotency key.
 * - `gateway`: answer as a proxy or load balancer in front of the API would,
 *   with any 4xx or 5xx `status` (typically 408, 502 or 504) and a small HTML
 *   page instead of the taxonomy's JSON body (nothing is written).
 */
export type FaultAction =
  | { type: "status"; status: number; code?: ErrorCode | undefined; retryAfter?: number | undefined }
  | { type: "drop"; when: "before" | "after" }
  | { type: "cutStream"; afterEvents: number }
  | { type: "latency"; ms: number }
  | { type: "gateway"; status: number };

/**
 * A fault to inject into matching requests. Every match field is optional; an
 * omitted one matches anything. A rule fires on the next `times` matching
 * requests, or on each with `probability` (rolled with the sandbox's seeded
 * random generator), or both; with neither it fires on every match until
 * removed. Rules apply only to routed requests, never to CORS preflights, and
 * only one rule fires per request: the oldest that matches.
 */
export interface FaultRule {
  /** The operation, such as `"sendMessage"`. */
  operation?: OperationId | undefined;
  /** The HTTP method, in any case. */
  method?: string | undefined;
  /**
   * A path template from the spec (`"/v1/conversations/{id}/messages"`), a
   * concrete path (`"/v1/conversations/cnv_1/messages"`), or a RegExp tested
   * against the concrete path.
   */
  path?: string | RegExp | undefined;
  /** How many matching requests the rule fires on. */
  times?: number | undefined;
  /** The chance, from 0 to 1, that the rule fires on a matching request. */
  probability?: number | undefined;
  action: FaultAction;
}

/** A rule that has been added, and how often it has fired. */
export interface FaultHandle {
  readonly id: number;
  /** How many requests this rule has fired on. */
  readonly injected: number;
  /** How many more times it may fire (`Infinity` without `times`). */
  readonly remaining: number;
  /** Stops the rule from firing again. */
  remove(): void;
}

/** How many faults were injected since the sandbox started, in total and by action type. */
export interface FaultStats {
  total: number;
  status: number;
  drop: number;
  cutStream: number;
  gateway: number;
  latency: number;
}

/**
 * Fault injection for tests. It lives only on the object `startSandbox`
 * returns: nothing a client sends can switch a fault on.
 */
export interface SandboxFaults {
  /** Adds a rule; throws a `TypeError` naming the problem when the rule is invalid. */
  add(rule: FaultRule): FaultHandle;
  /** Removes every rule. Counts in `stats()` are kept. */
  clear(): void;
  /** Counts of injected faults. */
  stats(): FaultStats;
}

class Rule implements FaultHandle {
  readonly id: number;
  readonly spec: FaultRule;
  injected = 0;
  remaining: number;
  readonly #remove: (rule: Rule) => void;

  constructor(id: number, spec: FaultRule, remove: (rule: Rule) => void) {
    this.id = id;
    this.spec = spec;
    this.remaining = spec.times ?? Number.POSITIVE_INFINITY;
    this.#remove = remove;
  }

  remove(): void {
    this.#remove(this);
  }
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

function checkAction(action: FaultAction): void {
  switch (action.type) {
    case "status": {
      const codes = [...errorCodes].filter(([, spec]) => spec.status === action.status).map(([code]) => code);
      if (codes.length === 0) {
        throw new TypeError(`fault status ${action.status} is not a status of the error taxonomy`);
      }
      if (action.code !== undefined && !codes.includes(action.code)) {
        throw new TypeError(`fault code ${action.code} does not have status ${action.status}`);
      }
      if (action.retryAfter !== undefined && !isCount(action.retryAfter)) {
        throw new TypeError("fault retryAfter must be a whole number of seconds");
      }
      return;
    }
    case "drop":
      if (action.when !== "before" && action.when !== "after") throw new TypeError('fault drop.when must be "before" or "after"');
      return;
    case "cutStream":
      if (!isCount(action.afterEvents)) throw new TypeError("fault cutStream.afterEvents must be a whole number");
      return;
    case "latency":
      if (!Number.isFinite(action.ms) || action.ms < 0) throw new TypeError("fault latency.ms must be a number >= 0");
      return;
    case "gateway":
      if (!Number.isInteger(action.status) || action.status < 400 || action.status > 599) {
        throw new TypeError("fault gateway.status must be a 4xx or 5xx status");
      }
      return;
    default:
      throw new TypeError(`unknown fault action ${JSON.stringify((action as { type?: unknown }).type)}`);
  }
}

/** The fault injector behind `sandbox.faults`, and what the request pipeline asks of it. */
export class FaultInjector implements SandboxFaults {
  readonly #random: Random;
  readonly #operationIds: ReadonlySet<string>;
  #rules: Rule[] = [];
  #nextId = 1;
  readonly #stats: FaultStats = { total: 0, status: 0, drop: 0, cutStream: 0, latency: 0, gateway: 0 };

  constructor(random: Random, operationIds: Iterable<string>) {
    this.#random = random;
    this.#operationIds = new Set(operationIds);
  }

  add(rule: FaultRule): FaultHandle {
    if (rule.operation !== undefined && !this.#operationIds.has(rule.operation)) {
      throw new TypeError(`fault operation ${rule.operation} is not an operation of the API`);
    }
    if (rule.times !== undefined && !(isCount(rule.times) && rule.times > 0)) {
      throw new TypeError("fault times must be a whole number above 0");
    }
    if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
      throw new TypeError("fault probability must be between 0 and 1");
    }
    checkAction(rule.action);
    const added = new Rule(this.#nextId++, { ...rule, action: { ...rule.action } }, (removed) => {
      this.#rules = this.#rules.filter((candidate) => candidate !== removed);
    });
    this.#rules.push(added);
    return added;
  }

  clear(): void {
    this.#rules = [];
  }

  stats(): FaultStats {
    return { ...this.#stats };
  }

  /** The action of the first rule that fires on this request, counted as injected. */
  select(operation: OperationSpec, pathname: string): FaultAction | undefined {
    for (const rule of this.#rules) {
      const { spec } = rule;
      if (spec.operation !== undefined && spec.operation !== operation.id) continue;
      if (spec.method !== undefined && spec.method.toUpperCase() !== operation.method) continue;
      if (spec.path !== undefined && !pathMatches(spec.path, operation.path, pathname)) continue;
      if (spec.action.type === "cutStream" && !operation.streaming) continue;
      if (spec.probability !== undefined && this.#random.next() >= spec.probability) continue;
      rule.injected += 1;
      rule.remaining -= 1;
      if (rule.remaining <= 0) rule.remove();
      this.#stats.total += 1;
      this.#stats[spec.action.type] += 1;
      return spec.action;
    }
    return undefined;
  }
}

function pathMatches(pattern: string | RegExp, template: string, pathname: string): boolean {
  if (typeof pattern === "string") return pattern === template || pattern === pathname;
  pattern.lastIndex = 0;
  return pattern.test(pathname);
}

/** The error a `status` fault answers with: its code (or the table's first for the status) and `Retry-After`. */
export function faultError(action: Extract<FaultAction, { type: "status" }>): ApiError {
  const code = action.code ?? [...errorCodes].find(([, spec]) => spec.status === action.status)?.[0] ?? "internal_error";
  // The spec promises Retry-After on every 429.
  const retryAfter = action.retryAfter ?? (action.status === 429 ? 1 : undefined);
  return new ApiError(code, `fault injected by the sandbox: ${code}`, { retryAfter });
}
