import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkChangesets, lastRelease } from "../src/check-changesets.ts";
import { run } from "../src/run.ts";

/** A small repository with one published package, to change and check. */
async function repository(): Promise<{ dir: string; commit(message: string): Promise<string> }> {
  const dir = await mkdtemp(join(tmpdir(), "expys-changesets-"));
  const write = (path: string, text: string) => mkdir(join(dir, path, ".."), { recursive: true }).then(() => writeFile(join(dir, path), text));
  await write("package.json", JSON.stringify({ name: "root", private: true, workspaces: ["packages/*"] }));
  // changesets finds npm workspaces by their lockfile.
  await write("package-lock.json", JSON.stringify({ name: "root", lockfileVersion: 3, requires: true, packages: {} }));
  await write("packages/lib/package.json", JSON.stringify({ name: "lib", version: "1.0.0" }));
  await write("packages/lib/index.js", "export const a = 1;\n");
  await write(
    ".changeset/config.json",
    JSON.stringify({ changelog: false, commit: false, baseBranch: "main", access: "public", updateInternalDependencies: "patch", ignore: [] }),
  );
  await run("git", ["init", "-q", "-b", "main"], { cwd: dir });
  const commit = async (message: string): Promise<string> => {
    await run("git", ["add", "-A"], { cwd: dir });
    await run("git", ["-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm", message], { cwd: dir });
    return (await run("git", ["rev-parse", "HEAD"], { cwd: dir })).stdout.trim();
  };
  return { dir, commit };
}

describe("the changeset guard", () => {
  let repo: Awaited<ReturnType<typeof repository>>;
  beforeEach(async () => {
    repo = await repository();
  });
  afterEach(() => rm(repo.dir, { recursive: true, force: true }));

  it("fails when a package changed since the last release without a changeset, and passes once one is added", async () => {
    await repo.commit("first");
    await writeFile(join(repo.dir, "packages/lib/index.js"), "export const a = 2;\n");
    await repo.commit("change lib");
    await expect(checkChangesets(repo.dir)).rejects.toThrow(/changeset status/);
    await writeFile(join(repo.dir, ".changeset/lib-change.md"), '---\n"lib": patch\n---\n\nA changed.\n');
    await repo.commit("add a changeset");
    await expect(checkChangesets(repo.dir)).resolves.toMatch(/lib/);
  });

  it("measures from the latest CHANGELOG.md a release wrote", async () => {
    const first = await repo.commit("first");
    expect(await lastRelease(repo.dir)).toBe(first);
    await writeFile(join(repo.dir, "packages/lib/CHANGELOG.md"), "# lib\n\n## 1.0.1\n");
    const released = await repo.commit("version packages");
    expect(await lastRelease(repo.dir)).toBe(released);
    await expect(checkChangesets(repo.dir)).resolves.toBeTypeOf("string");
  });
});
