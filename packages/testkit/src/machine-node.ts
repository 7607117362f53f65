import { execFileSync } from "node:child_process";
import { accessSync, constants, realpathSync } from "node:fs";
import { delimiter, join } from "node:path";

/** A Node.js binary and the version it reports. */
export interface NodeBinary {
  path: string;
  version: string;
  major: number;
}

/**
 * The machine's own Node.js: the first `node` on PATH outside any node_modules
 * folder, which is not the Node the repository pins and runs its scripts on.
 * Tests use it to prove the published packages work on the machine's Node 20.
 */
export function findMachineNode(): NodeBinary {
  const pinned = realpathSync(process.execPath);
  const directories = (process.env.PATH ?? "").split(delimiter).filter((dir) => dir && !dir.includes("node_modules"));
  for (const directory of [...directories, "/usr/bin", "/usr/local/bin"]) {
    const candidate = join(directory, "node");
    try {
      accessSync(candidate, constants.X_OK);
    } catch {
      continue;
    }
    if (realpathSync(candidate) === pinned) continue;
    const version = execFileSync(candidate, ["--version"], { encoding: "utf8" }).trim();
    return { path: candidate, version, major: Number(version.slice(1).split(".")[0]) };
  }
  throw new Error("no Node.js other than the pinned one is on PATH");
}
