import { type Sandbox, type SandboxOptions, startSandbox } from "@expys/sandbox";
import { describe, inject, test } from "vitest";
import { type CallbackChannel, type CallbackReceiver, startCallbackReceiver } from "./callback-receiver.ts";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.ts";
import type { StartedService } from "./global-setup.ts";
import type { ClientOptions, ServiceInfo } from "./protocol-types.ts";
import { type RemoteClient, ServiceClient } from "./service-client.ts";
import { startTokenEndpoint, type TokenEndpoint } from "./token-endpoint.ts";

/** What the parity table needs to know about a test. */
export interface ConformanceMeta {
  scenario: string;
  title: string;
  column: string;
  service?: { sdk: string; sdkVersion: string; runtime?: string | undefined } | undefined;
  command: string;
  startError?: string | undefined;
  metrics?: Record<string, number>;
}

declare module "vitest" {
  interface TaskMeta {
    conformance?: ConformanceMeta;
  }
}

/** Everything one scenario run gets: the column's service, and its own sandbox with a fault proxy in front. */
export interface Scenario {
  readonly column: string;
  readonly service: ServiceClient;
  readonly info: ServiceInfo;
  readonly sandbox: Sandbox;
  /** In front of the sandbox; the clients of `client()` talk to it. */
  readonly proxy: FaultProxy;
  /** A client of the service for the sandbox's demo member, through the proxy, closed when the scenario ends. */
  client(options?: { [Name in keyof ClientOptions]?: ClientOptions[Name] | undefined }): Promise<RemoteClient>;
  /** A fresh channel for one stream's callbacks. */
  callbacks(): Promise<CallbackChannel>;
  /** A `tokenUrl` endpoint answering `mint(n)` to the n-th ask. */
  tokenEndpoint(mint: (n: number) => string): Promise<TokenEndpoint>;
  /** Numbers the scenario measured, shown in the parity table. */
  record(metrics: Record<string, number>): void;
  /** Runs when the scenario ends, after the clients are closed, before the sandbox is. */
  cleanup(task: () => unknown): void;
}

/** Options of a scenario. */
export interface ScenarioOptions {
  /** The deadline of one run; a bound against hangs, not a measurement. Default 30 s. */
  timeout?: number;
  /** Options for the scenario's sandbox (the concierge is always off). */
  sandbox?: SandboxOptions;
  /** Capabilities the service must report in `GET /`. */
  needs?: string[];
}

/** What every service must support (README: `GET /`); a scenario may need more. */
const everyCapability = [
  "listConversations",
  "listMessages",
  "sendMessage",
  "listAllMessages",
  "streamMessages",
  "tokenUrl",
  "maxRetries",
  "timeoutMs",
  "cancelCall",
];

async function closeQuietly(url: string): Promise<void> {
  await fetch(url, { method: "DELETE", signal: AbortSignal.timeout(10_000) })
    .then((response) => response.body?.cancel())
    .catch(() => {});
}

async function run(id: string, started: StartedService, options: ScenarioOptions, body: (scenario: Scenario) => Promise<void>, meta: ConformanceMeta) {
  if (!started.url || !started.info) throw new Error(`the ${started.name} service did not start: ${started.startError}`);
  const info = started.info;
  const missing = [...everyCapability, ...(options.needs ?? [])].filter((capability) => !info.capabilities.includes(capability));
  if (missing.length) throw new Error(`the ${started.name} service lacks ${missing.join(", ")} (GET / capabilities)`);
  const service = new ServiceClient(started.url);
  const cleanups: (() => unknown)[] = [];
  const clients: RemoteClient[] = [];
  const sandbox = await startSandbox({ log: false, seed: `${id}:${started.name}`, ...options.sandbox, agent: false });
  let receiver: CallbackReceiver | undefined;
  try {
    const proxy = await startFaultProxy(sandbox.baseUrl, { seed: `${id}:${started.name}` });
    cleanups.push(() => proxy.close());
    await body({
      column: started.name,
      service,
      info,
      sandbox,
      proxy,
      async client(overrides = {}) {
        const client = await service.createClient({ baseUrl: proxy.url, token: sandbox.memberToken, ...overrides } as ClientOptions);
        clients.push(client);
        return client;
      },
      async callbacks() {
        receiver ??= await startCallbackReceiver();
        return receiver.channel();
      },
      async tokenEndpoint(mint) {
        const endpoint = await startTokenEndpoint(mint);
        cleanups.push(() => endpoint.close());
        return endpoint;
      },
      record(metrics) {
        meta.metrics = { ...meta.metrics, ...metrics };
      },
      cleanup(task) {
        cleanups.push(task);
      },
    });
  } finally {
    await Promise.all(clients.map((client) => closeQuietly(client.url)));
    for (const task of cleanups.reverse()) await task();
    await receiver?.close();
    await sandbox.close();
  }
}

/**
 * Registers one scenario: a row of the parity table, run once per service
 * listed in services.json (its columns), concurrently.
 *
 * @param id - Stable kebab-case id, the row's key in parity.json.
 * @param title - One line saying what every SDK must do.
 */
export function scenario(id: string, title: string, body: (scenario: Scenario) => Promise<void>, options: ScenarioOptions = {}): void {
  const services = inject("services");
  describe(title, () => {
    for (const started of services) {
      // Six services run each scenario at once on a 2-core CI machine beside other packages' tests:
      // a timeout here only catches a hang, it measures nothing.
      test.concurrent(started.name, { timeout: options.timeout ?? 60_000 }, async ({ task }) => {
        const meta: ConformanceMeta = {
          scenario: id,
          title,
          column: started.name,
          command: started.command,
          startError: started.startError,
          service: started.info && { sdk: started.info.sdk, sdkVersion: started.info.sdkVersion, runtime: started.info.runtime },
        };
        task.meta.conformance = meta;
        await run(id, started, options, body, meta);
      });
    }
  });
}
