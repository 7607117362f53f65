import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A private npm registry on loopback, and a token that may publish to it. */
export interface LocalRegistry {
  url: string;
  token: string;
  stop(): Promise<void>;
}

const verdaccioBin = fileURLToPath(new URL("../../../node_modules/verdaccio/bin/verdaccio", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}`);
    const answered = await fetch(`${url}-/ping`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("verdaccio did not answer within 30 s");
}

/**
 * Starts Verdaccio on 127.0.0.1 with empty storage and no uplink, so nothing it
 * serves or accepts ever leaves the machine, and registers a user to publish as.
 */
export async function startLocalRegistry(): Promise<LocalRegistry> {
  const home = await mkdtemp(join(tmpdir(), "expys-registry-"));
  const config = join(home, "config.yaml");
  await writeFile(
    config,
    [
      "storage: ./storage",
      "auth:",
      "  htpasswd:",
      "    file: ./htpasswd",
      "    max_users: 10",
      "uplinks: {}",
      "packages:",
      "  '**':",
      "    access: $all",
      "    publish: $authenticated",
      "log: { type: stdout, format: pretty, level: error }",
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn(process.execPath, [verdaccioBin, "--config", config, "--listen", `127.0.0.1:${port}`], { stdio: "ignore" });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(home, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, child);
    const response = await fetch(`${url}-/user/org.couchdb.user:rehearsal`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "rehearsal", password: "rehearsal-password", type: "user", roles: [], date: new Date().toISOString() }),
    });
    const { token } = (await response.json()) as { token?: string };
    if (!response.ok || !token) throw new Error(`verdaccio refused the rehearsal user (${response.status})`);
    return { url, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
