// Publishes the Swift SDK as SwiftPM wants it: a git repository of its own
// whose root is the package (packages/sdk-swift/Package.swift), tagged with
// the bare version SwiftPM resolves (`0.2.0`). Each release is one commit on
// that repository: the package's files at the release, the link the docs use
// to build their snippets left out.
//
// Run after `changeset version`: node packages/release/src/publish-swift.ts <remote>
import { cp, mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "./run.ts";

/** The package's folder in the monorepo. */
export const swiftPackageFolder = "packages/sdk-swift";

/** Files of the package that stay in the monorepo: the link to docs/snippets, which SwiftPM builds as snippets only here. */
const monorepoOnly = new Set(["Snippets"]);

const identity = ["-c", "user.name=Expys release", "-c", "user.email=release@localhost"];

/** What a publish did. */
export interface SwiftPublish {
  version: string;
  /** The tag SwiftPM resolves, the version itself. */
  tag: string;
  /** The release commit on the Swift repository. */
  commit: string;
}

/** The version changesets gave the package (its package.json). */
export async function swiftVersion(repository: string): Promise<string> {
  const { version } = JSON.parse(await readFile(join(repository, swiftPackageFolder, "package.json"), "utf8")) as { version: string };
  return version;
}

/**
 * Commits the Swift package of `repository` (a monorepo checkout, after
 * `changeset version`) to the git repository at `remote` and tags it with the
 * version; the remote's history gains one commit per release.
 */
export async function publishSwiftPackage(repository: string, remote: string): Promise<SwiftPublish> {
  const version = await swiftVersion(repository);
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`${swiftPackageFolder} has version ${version}, which SwiftPM cannot resolve`);
  const stage = await mkdtemp(join(tmpdir(), "expys-swift-release-"));
  try {
    await run("git", ["clone", "--quiet", remote, stage], { cwd: tmpdir() });
    const { stdout: tags } = await run("git", ["tag", "--list", version], { cwd: stage });
    if (tags.trim()) throw new Error(`${remote} already has the tag ${version}: bump the Swift SDK with a changeset first`);
    // The release replaces the previous one's files whole, so removed files go too.
    const { stdout: previous } = await run("git", ["ls-files", "-z"], { cwd: stage });
    for (const file of previous.split("\0").filter(Boolean)) await rm(join(stage, file), { force: true });
    const { stdout: listed } = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", swiftPackageFolder], { cwd: repository });
    for (const file of listed.split("\0").filter(Boolean)) {
      const relative = file.slice(swiftPackageFolder.length + 1);
      if (monorepoOnly.has(relative.split("/")[0]!)) continue;
      const source = join(repository, file);
      if (!(await stat(source).catch(() => undefined))) continue;
      await mkdir(dirname(join(stage, relative)), { recursive: true });
      await cp(source, join(stage, relative));
    }
    await run("git", ["add", "-A"], { cwd: stage });
    await run("git", [...identity, "commit", "--quiet", "--allow-empty", "-m", `Expys Swift SDK ${version}`], { cwd: stage });
    await run("git", [...identity, "tag", "-a", version, "-m", `Expys Swift SDK ${version}`], { cwd: stage });
    await run("git", ["push", "--quiet", "origin", "HEAD", `refs/tags/${version}`], { cwd: stage });
    const { stdout: commit } = await run("git", ["rev-parse", "HEAD"], { cwd: stage });
    return { version, tag: version, commit: commit.trim() };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const remote = process.argv[2];
  if (!remote) {
    process.stderr.write("usage: node packages/release/src/publish-swift.ts <git remote of the Swift SDK's repository>\n");
    process.exit(2);
  }
  const root = fileURLToPath(new URL("../../..", import.meta.url));
  const published = await publishSwiftPackage(root, remote);
  process.stdout.write(`published the Swift SDK ${published.version} to ${remote} (${published.commit})\n`);
}
