// Starts the conformance service on a runtime other than the repository's pinned Node:
//   node launch.js node20   the machine's own Node (20 on these machines)
//   node launch.js deno     Deno, from the npm package, in a project outside the repository
//   node launch.js bun      Bun, likewise
// The service's stdout (its ready line) and stderr pass straight through.
import { execFileSync, spawn } from "node:child_process";
import { accessSync, constants, realpathSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installedProject } from "./installed-project.ts";

const serviceDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(serviceDir, "../../../../..");
/** What the service is made of: everything but the launcher. */
const serviceFiles = [
  "service.js",
  "client-session.js",
  "count-timers.js",
  "counting-fetch.js",
  "error-report.js",
  "ledger.js",
  "protocol-server.js",
  "run-operation.js",
  "stream-run.js",
];

/**
 * The machine's own Node: the first `node` on PATH outside any node_modules
 * folder that is not the Node the repository pins, as @expys/testkit's
 * findMachineNode finds it (that module is TypeScript, which Node 20 cannot load).
 */
function machineNode(): string {
  const pinned = realpathSync(join(repoRoot, "node_modules", ".bin", "node"));
  const directories = (process.env.PATH ?? "").split(delimiter).filter((directory) => directory && !directory.includes("node_modules"));
  for (const directory of [...directories, "/usr/bin", "/usr/local/bin"]) {
    const candidate = join(directory, "node");
    try {
      accessSync(candidate, constants.X_OK);
    } catch {
      continue;
    }
    if (realpathSync(candidate) === pinned) continue;
    const version = execFileSync(candidate, ["--version"], { encoding: "utf8" }).trim();
    if (version.startsWith("v20.")) return candidate;
    console.error(`launch: the machine's Node is ${version}, not 20; running on it anyway`);
    return candidate;
  }
  throw new Error("launch: no Node other than the pinned one is on PATH");
}

async function command(runtime: string): Promise<{ file: string; args: string[]; cwd: string }> {
  const bin = (name: string): string => join(repoRoot, "node_modules", ".bin", name);
  switch (runtime) {
    case "node20":
      return { file: machineNode(), args: [join(serviceDir, "service.js")], cwd: repoRoot };
    case "deno": {
      const project = await installedProject(repoRoot, serviceDir, serviceFiles);
      return { file: bin("deno"), args: ["run", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", join(project, "service.js")], cwd: project };
    }
    case "bun": {
      const project = await installedProject(repoRoot, serviceDir, serviceFiles);
      return { file: bin("bun"), args: ["run", join(project, "service.js")], cwd: project };
    }
    default:
      throw new Error(`launch: unknown runtime ${JSON.stringify(runtime)} (node20, deno or bun)`);
  }
}

const { file, args, cwd } = await command(process.argv[2] ?? "");
const child = spawn(file, args, { cwd, stdio: "inherit" });
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => child.kill(signal));
child.on("error", (error) => {
  console.error(`launch: ${file} did not start: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
