import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The packages a user installs to get the SDK: their names and folders. */
const packedPackages = [
  ["@expys/sdk", "packages/sdk-ts"],
  ["@expys/sse", "packages/sse"],
] as const;

/** npm's own settings from the `npm run` that started us (a workspace, a lifecycle) must not steer these commands. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Packs each package with `npm pack`; each package's name and tarball. */
async function pack(repoRoot: string, into: string): Promise<{ name: string; tarball: string }[]> {
  return Promise.all(
    packedPackages.map(async ([name, folder]) => {
      const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", into], { cwd: join(repoRoot, folder), env: cleanEnvironment() });
      const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
      return { name, tarball: join(into, filename) };
    }),
  );
}

/** Waits for another launcher building the same project; takes the lock over when it looks abandoned. */
async function waitForOther(lock: string, ready: string): Promise<boolean> {
  for (let waited = 0; waited < 180_000; waited += 200) {
    if (await exists(ready)) return true;
    const held = await stat(lock).catch(() => undefined);
    if (!held || Date.now() - held.mtimeMs > 180_000) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** Removes projects of older versions of the service, once unused for a week. */
async function pruneStale(base: string, keep: string): Promise<void> {
  const weekAgo = Date.now() - 7 * 24 * 3600_000;
  for (const name of await readdir(base)) {
    const path = join(base, name);
    if (path === keep || name.startsWith("pack-")) continue;
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Date.now() }));
    if (mtimeMs < weekAgo) await rm(path, { recursive: true, force: true });
  }
}

/**
 * A project outside the repository with @expys/sdk and @expys/sse installed
 * from their packed tarballs, as a user installs them, and the service's files
 * beside them. Named after a hash of the tarballs and the service, so later
 * starts reuse it, and built under a lock, so two launchers build it once.
 */
export async function installedProject(repoRoot: string, serviceDir: string, serviceFiles: readonly string[]): Promise<string> {
  const base = join(tmpdir(), "expys-conformance-typescript");
  await mkdir(base, { recursive: true });
  const packs = await mkdtemp(join(base, "pack-"));
  try {
    const packed = await pack(repoRoot, packs);
    const hash = createHash("sha256");
    for (const file of [...packed.map(({ tarball }) => tarball), ...serviceFiles.map((name) => join(serviceDir, name))]) hash.update(await readFile(file));
    const project = join(base, hash.digest("hex").slice(0, 16));
    const ready = join(project, ".ready");
    const lock = `${project}.lock`;
    // A project in use is touched, so pruning (below) spares it.
    const touch = (): Promise<void> => utimes(project, new Date(), new Date()).catch(() => {});
    if (await exists(ready)) {
      await touch();
      return project;
    }
    while (true) {
      try {
        await mkdir(lock);
        break;
      } catch {
        if (await waitForOther(lock, ready)) {
          await touch();
          return project;
        }
        await rm(lock, { recursive: true, force: true });
      }
    }
    try {
      await rm(project, { recursive: true, force: true });
      await mkdir(project);
      const dependencies: Record<string, string> = {};
      for (const { name, tarball } of packed) {
        await cp(tarball, join(project, basename(tarball)));
        dependencies[name] = `file:./${basename(tarball)}`;
      }
      await writeFile(
        join(project, "package.json"),
        `${JSON.stringify({ name: "expys-conformance-service", private: true, type: "module", dependencies }, null, 2)}\n`,
      );
      await run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--no-package-lock", "--ignore-scripts"], { cwd: project, env: cleanEnvironment() });
      for (const name of serviceFiles) await cp(join(serviceDir, name), join(project, name));
      await writeFile(ready, "");
      await pruneStale(base, project);
      return project;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  } finally {
    await rm(packs, { recursive: true, force: true });
  }
}
