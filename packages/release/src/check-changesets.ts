// Fails when a published package changed since the last release without a
// changeset saying how and why. The last release is the latest commit that
// touched a package's CHANGELOG.md (changeset version writes them); before the
// first release it is the repository's first commit. Works in a fresh clone,
// where comparing with a base branch would find nothing to compare.
import { fileURLToPath } from "node:url";
import { run } from "./run.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));

/** The commit the changesets must cover changes since. */
export async function lastRelease(cwd: string): Promise<string> {
  const { stdout: released } = await run("git", ["log", "-1", "--format=%H", "--", "packages/*/CHANGELOG.md"], { cwd });
  if (released.trim()) return released.trim();
  const { stdout: first } = await run("git", ["rev-list", "--max-parents=0", "HEAD"], { cwd });
  return first.trim().split("\n").at(-1)!;
}

/** Runs `changeset status` against the last release; resolves with its report, rejects when a changeset is missing. */
export async function checkChangesets(cwd = root): Promise<string> {
  const since = await lastRelease(cwd);
  const { stdout } = await run(process.execPath, [`${root}node_modules/.bin/changeset`, "status", `--since=${since}`], { cwd });
  return stdout;
}

if (import.meta.main) {
  try {
    process.stdout.write(await checkChangesets());
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\nEvery change to a published package needs a changeset: run \`npm run changeset\`.\n`);
    process.exitCode = 1;
  }
}
