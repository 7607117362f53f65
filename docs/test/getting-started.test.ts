// The quickstart as a new user runs it: in a folder outside the repository,
// the commands of the Quickstart page (snippets/getting-started.sh), in order,
// with the packages this checkout builds served by a registry on loopback.
// Then the quickstart program runs on Node 22.18+ as `node quickstart.ts`
// and on the machine's Node 20 with tsx, against the sandbox `npx
// @expys/sandbox` started.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { findMachineNode } from "@expys/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PackedRegistry, startPackedRegistry } from "./packed-registry.ts";
import { docsRoot, regionText, snippetsDir } from "./support.ts";

const repository = join(docsRoot, "..");
const published = ["packages/sdk-ts", "packages/sse", "packages/sandbox"].map((folder) => join(repository, folder));

let work: string;
let registry: PackedRegistry;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "expys-getting-started-"));
  registry = await startPackedRegistry(published, work);
}, 120_000);

afterAll(async () => {
  await registry?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const region = (name: string): string => {
  const text = regionText(readFileSync(join(snippetsDir, "getting-started.sh"), "utf8"), name);
  if (text === undefined) throw new Error(`getting-started.sh has no region ${name}`);
  return text;
};

/**
 * Runs a script in its own process group, then stops whatever it left running
 * (the sandbox); a script still running after `timeoutMs` is stopped whole.
 */
function runScript(script: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 200_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn("bash", ["-c", script], { cwd, env, detached: true });
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // Nothing was left running.
    }
  };
  const deadline = setTimeout(stop, timeoutMs);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(deadline);
      stop();
      resolve({ code, stdout, stderr });
    }),
  );
}

describe("the Quickstart, outside the repository", () => {
  it("installs from the registry, starts the sandbox with npx @expys/sandbox, and runs the example on Node 22.18+ and on Node 20", async () => {
    const machine = findMachineNode();
    const pinned = dirname(process.execPath);
    const script = [
      "set -euo pipefail",
      region("project"),
      // The reader saves the program from the page as quickstart.ts.
      `cp ${JSON.stringify(join(snippetsDir, "quickstart.ts"))} quickstart.ts`,
      // Port 4010 may be taken on a shared machine; the examples read the port from the sandbox's line.
      region("sandbox").replace("npx @expys/sandbox", "npx @expys/sandbox --port 0"),
      `export PATH=${JSON.stringify(pinned)}:"$PATH"`,
      'echo "== $(node --version)"',
      region("run-node22"),
      `export PATH=${JSON.stringify(dirname(machine.path))}:"$PATH"`,
      'echo "== $(node --version)"',
      region("run-node20"),
    ].join("\n");
    // The machine's environment (its CA bundle and proxies reach the npm registry for tsx and ajv),
    // without the settings of the npm process that started the tests.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|INIT_CWD$)/i.test(name)));
    const env = {
      ...inherited,
      "npm_config_@expys:registry": registry.url,
      npm_config_update_notifier: "false",
      npm_config_fund: "false",
      npm_config_audit: "false",
    };
    const run = await runScript(script, work, env);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);

    const [, node22 = "", node20 = ""] = run.stdout.split(/^== /m);
    const version = (part: string) => part.split("\n")[0];
    expect(Number(version(node22)!.slice(1).split(".")[0])).toBeGreaterThanOrEqual(22);
    expect(version(node20)).toBe(machine.version);
    for (const output of [node22, node20]) {
      const lines = output.split("\n").slice(1).filter(Boolean);
      expect(lines[0]).toMatch(/^4 conversations, most recently active first:$/);
      expect(lines).toContain("Sent a reply: ok=true");
    }
    // The packages came from this checkout, through the loopback registry.
    expect(registry.requests).toEqual(
      expect.arrayContaining([expect.stringMatching(/^GET \/@expys%2fsdk$/i), expect.stringMatching(/^GET \/@expys%2fsandbox$/i)]),
    );
  }, 240_000);
});
