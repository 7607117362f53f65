import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import type { ServiceInfo } from "./protocol-types.ts";
import { ServiceClient } from "./service-client.ts";
import { type ServiceProcess, startService } from "./service-process.ts";
import { listedServices, repositoryRoot } from "./services.ts";

/** A column's service as the scenarios see it: its URL and `GET /`, or why it did not start. */
export interface StartedService {
  name: string;
  command: string;
  url?: string;
  info?: ServiceInfo;
  startError?: string;
  startMs: number;
}

/** Where each service's stderr goes, one file per column. */
const logs = fileURLToPath(new URL("../logs", import.meta.url));

declare module "vitest" {
  export interface ProvidedContext {
    services: StartedService[];
  }
}

/** Starts every listed service at once, before any scenario, and stops them after the last. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const running: ServiceProcess[] = [];
  await mkdir(logs, { recursive: true });
  const started = await Promise.all(
    listedServices().map(async ({ name, command }): Promise<StartedService> => {
      const begin = Date.now();
      try {
        const service = await startService(command, repositoryRoot, { logFile: join(logs, `${name}.log`) });
        running.push(service);
        const info = await new ServiceClient(service.url).info();
        return { name, command, url: service.url, info, startMs: Date.now() - begin };
      } catch (error) {
        return { name, command, startError: String(error instanceof Error ? error.message : error), startMs: Date.now() - begin };
      }
    }),
  );
  project.provide("services", started);
  return async () => {
    await Promise.all(running.map((service) => service.stop()));
  };
}
