import { expect } from "vitest";
import type { FaultProxy, ProxiedRequest } from "./fault-proxy.ts";
import type { CallOutcome, ClientState, ErrorReport } from "./protocol-types.ts";
import type { RemoteClient } from "./service-client.ts";
import { eventually } from "./wait.ts";

/** The result of a call that must have succeeded; throws with the service's error otherwise. */
export function succeeded<T>(outcome: CallOutcome<T>, what = "the call"): T {
  if (!outcome.ok) throw new Error(`${what} failed: ${JSON.stringify(outcome.error)}`);
  return outcome.result;
}

/** The error of a call that must have failed; throws with its result otherwise. */
export function failed(outcome: CallOutcome, what = "the call"): ErrorReport {
  if (outcome.ok) throw new Error(`${what} succeeded with ${JSON.stringify(outcome.result).slice(0, 300)}`);
  return outcome.error;
}

/** Checks the named fields of an error report, quoting the whole report when they differ. */
export function expectError(error: ErrorReport, expected: Partial<ErrorReport>, what = "the SDK reported"): void {
  const actual = Object.fromEntries(Object.keys(expected).map((key) => [key, error[key as keyof ErrorReport]]));
  expect(actual, `${what} ${JSON.stringify(error)}`).toEqual(expected);
}

const idle = (state: ClientState): boolean => state.openConnections === 0 && state.timers === 0 && state.streams === 0 && state.calls === 0;

/**
 * What the client still has running, once it has nothing running or after
 * `withinMs`: the scenarios expect every number to be 0.
 */
export async function settledState(client: RemoteClient, withinMs = 1000): Promise<ClientState> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const state = await client.state();
    if (idle(state) || Date.now() > deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** How long after `since` the proxy saw the connection of `request` close; rejects when it stays open for 5 s. */
export async function closedAfter(proxy: FaultProxy, request: ProxiedRequest, since: number): Promise<number> {
  const connection = proxy.connectionOf(request);
  const closedAt = await eventually(`the connection of ${request.method} ${request.url} to close`, () => connection.closedAt ?? false, 5000);
  return closedAt - since;
}

/** Runs `task` over `items` with at most `concurrency` at a time; the results in the items' order. */
export async function inPool<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
