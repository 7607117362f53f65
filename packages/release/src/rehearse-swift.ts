// The Swift part of the release rehearsal: the versioned monorepo copy's Swift
// package is published to a git repository on disk, exactly as a release
// publishes it, and a fresh SwiftPM project outside the repository depends on
// the tagged version from that remote, builds, and runs the docs' quickstart
// against the rehearsal's sandbox.
import { cp, mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { publishSwiftPackage, swiftPackageFolder } from "./publish-swift.ts";
import { run } from "./run.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));
/** The repository's script that runs Swift (natively, or in the Swift root it makes). */
const swiftScript = join(root, swiftPackageFolder, "scripts", "swift.sh");

/** What the Swift rehearsal did and saw. */
export interface SwiftRehearsal {
  /** The version changesets gave the Swift package, and the tag SwiftPM resolved. */
  version: string;
  /** What the quickstart printed, built from the tagged release. */
  quickstartOutput: string;
}

/** Publishes `work`'s Swift package to a local remote and runs the quickstart from a project that depends on its tag. */
export async function rehearseSwiftRelease(work: string, sandboxEnv: Record<string, string>, log: (line: string) => void): Promise<SwiftRehearsal> {
  // realpath: the temporary folder may be a link, and the Swift root mounts real paths.
  const place = await realpath(await mkdtemp(join(tmpdir(), "expys-swift-rehearsal-")));
  try {
    // As the real release does: the version file follows package.json first.
    await run(process.execPath, [join(swiftPackageFolder, "scripts", "write-version.ts")], { cwd: work });
    const remote = join(place, "expys-swift.git");
    await run("git", ["init", "--quiet", "--bare", remote], { cwd: place });
    const published = await publishSwiftPackage(work, remote);
    log(`published the Swift package ${published.version} to ${remote}`);

    const consumer = join(place, "consumer");
    await mkdir(join(consumer, "Sources", "Quickstart"), { recursive: true });
    await writeFile(join(consumer, "Package.swift"), manifest(`file://${remote}`, published.tag));
    await cp(join(root, "docs", "snippets", "quickstart.swift"), join(consumer, "Sources", "Quickstart", "main.swift"));
    const env = { ...process.env, EXPYS_SWIFT_MOUNTS: place };
    log(`swift build (a new package depending on ${published.tag} of the local remote)`);
    await run(swiftScript, ["build", "--product", "Quickstart"], { cwd: consumer, env });
    const { stdout } = await run(swiftScript, ["--exec", join(consumer, ".build", "debug", "Quickstart")], { cwd: consumer, env: { ...env, ...sandboxEnv } });
    return { version: published.version, quickstartOutput: stdout };
  } finally {
    await rm(place, { recursive: true, force: true });
  }
}

/** A consumer's manifest, as a user writes one: the SDK at one exact version. */
function manifest(url: string, version: string): string {
  return `// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Consumer",
  platforms: [.macOS(.v13), .iOS(.v16)],
  dependencies: [.package(url: ${JSON.stringify(url)}, exact: ${JSON.stringify(version)})],
  targets: [.executableTarget(name: "Quickstart", dependencies: [.product(name: "Expys", package: "expys-swift")])]
)
`;
}
