// A release, rehearsed for real but privately: the repository's pending
// changesets are versioned and published with the real changesets CLI to a
// Verdaccio registry on 127.0.0.1, then a new project outside the repository
// installs the SDK from there and runs a docs snippet against the sandbox it
// installed too. Run: npm run release:dry
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { findMachineNode } from "@expys/testkit";
import { rehearseKotlinRelease, type KotlinRehearsal } from "./rehearse-kotlin.ts";
import { rehearseSwiftRelease, type SwiftRehearsal } from "./rehearse-swift.ts";
import { run } from "./run.ts";
import { startLocalRegistry } from "./verdaccio.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const bin = (name: string): string => join(root, "node_modules", ".bin", name);

/** The published packages, by folder. */
export const publishedPackages = ["packages/sdk-ts", "packages/sse", "packages/codegen", "packages/sandbox"] as const;

/** What the rehearsal did and saw. */
export interface RehearsalReport {
  /** Each published package's name and the version the registry now has. */
  published: Record<string, string>;
  /** What the docs' quickstart printed in the consumer project. */
  quickstartOutput: string;
  /** What a CommonJS `require()` of the SDK printed on the machine's Node. */
  commonJsOutput: string;
  /** The Kotlin SDK's deploy to a local Maven repository and its quickstart from there. */
  kotlin: KotlinRehearsal;
  /** The Swift SDK's publish to a local git remote and its quickstart built from the tag. */
  swift: SwiftRehearsal;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The repository as git sees it (committed and new files, nothing ignored), plus the built packages. */
async function copyRepository(target: string): Promise<void> {
  const { stdout } = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root });
  for (const file of stdout.split("\0").filter(Boolean)) {
    const source = join(root, file);
    if (!(await exists(source))) continue;
    await mkdir(dirname(join(target, file)), { recursive: true });
    await cp(source, join(target, file));
  }
  for (const folder of publishedPackages) {
    const dist = join(root, folder, "dist");
    if (!(await exists(dist))) throw new Error(`${folder}/dist is missing: build the packages first (npm run build)`);
    await cp(dist, join(target, folder, "dist"), { recursive: true });
  }
  // The changesets CLI loads its changelog generator from the project's node_modules.
  await symlink(join(root, "node_modules"), join(target, "node_modules"), "dir");
}

/** An environment that can reach only `registry` for publishing, with no credential of the developer's. */
function registryEnvironment(registry: string, userconfig: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_config_|NPM_TOKEN|NODE_AUTH_TOKEN)/i.test(name)));
  return { ...env, npm_config_registry: registry, npm_config_userconfig: userconfig, npm_config_update_notifier: "false" };
}

async function startInstalledSandbox(project: string): Promise<{ env: Record<string, string>; stop(): void }> {
  const cli = join(project, "node_modules", "@expys", "sandbox", "dist", "cli.js");
  const child = spawn(process.execPath, [cli, "--port", "0", "--quiet"], { stdio: ["ignore", "pipe", "ignore"] });
  const line = (await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next()).value as string | undefined;
  if (!line) throw new Error("the installed sandbox printed nothing");
  const fields = JSON.parse(line) as Record<string, string>;
  return {
    env: {
      EXPYS_BASE_URL: fields.baseUrl!,
      EXPYS_MEMBER_TOKEN: fields.memberToken!,
      EXPYS_EXTERNAL_USER_ID: fields.externalUserID!,
      EXPYS_CONVERSATION_ID: fields.conversationId!,
    },
    stop: () => child.kill("SIGTERM"),
  };
}

/** Versions and publishes to a local registry, installs from it outside the repository, and runs the quickstart. */
export async function rehearseRelease(log: (line: string) => void = () => {}): Promise<RehearsalReport> {
  const registry = await startLocalRegistry();
  const registryHost = new URL(registry.url).hostname;
  if (registryHost !== "127.0.0.1") throw new Error(`refusing to publish anywhere but loopback (got ${registryHost})`);
  const work = await mkdtemp(join(tmpdir(), "expys-release-"));
  const consumer = await mkdtemp(join(tmpdir(), "expys-consumer-"));
  try {
    log(`registry: ${registry.url}`);
    await copyRepository(work);
    await run("git", ["init", "-q"], { cwd: work });
    await run("git", ["add", "-A"], { cwd: work });
    await run("git", ["-c", "user.name=rehearsal", "-c", "user.email=rehearsal@localhost", "commit", "-qm", "rehearsal"], { cwd: work });

    const userconfig = join(work, ".npmrc-rehearsal");
    await writeFile(userconfig, `registry=${registry.url}\n//${new URL(registry.url).host}/:_authToken=${registry.token}\n`);
    const env = registryEnvironment(registry.url, userconfig);
    log("changeset version");
    await run(process.execPath, [bin("changeset"), "version"], { cwd: work, env });
    // As the real release does: the SDK's version constant follows package.json, then it is rebuilt.
    await run(process.execPath, ["packages/sdk-ts/scripts/write-version.ts"], { cwd: work });
    await run(process.execPath, [bin("tsc"), "-p", "packages/sdk-ts/tsconfig.build.json"], { cwd: work });
    log("changeset publish");
    await run(process.execPath, [bin("changeset"), "publish"], { cwd: work, env });

    const published: Record<string, string> = {};
    for (const folder of publishedPackages) {
      const { name, version } = JSON.parse(await readFile(join(work, folder, "package.json"), "utf8")) as { name: string; version: string };
      const response = await fetch(`${registry.url}${name.replace("/", "%2f")}`);
      const document = (await response.json()) as { versions?: Record<string, unknown> };
      if (!document.versions?.[version]) throw new Error(`${name}@${version} is not on the local registry`);
      published[name] = version;
    }
    log(
      `published ${Object.entries(published)
        .map(([name, version]) => `${name}@${version}`)
        .join(", ")}`,
    );

    await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    await writeFile(join(consumer, ".npmrc"), `@expys:registry=${registry.url}\n`);
    log("npm install @expys/sdk @expys/sandbox (outside the repository)");
    await run("npm", ["install", "--no-audit", "--no-fund", "@expys/sdk", "@expys/sandbox"], { cwd: consumer });
    await cp(join(root, "docs", "snippets", "quickstart.ts"), join(consumer, "quickstart.ts"));
    const sandbox = await startInstalledSandbox(consumer);
    let quickstartOutput: string;
    let kotlin: KotlinRehearsal;
    let swift: SwiftRehearsal;
    try {
      ({ stdout: quickstartOutput } = await run(process.execPath, ["quickstart.ts"], { cwd: consumer, env: { ...process.env, ...sandbox.env } }));
      kotlin = await rehearseKotlinRelease(work, sandbox.env, log);
      swift = await rehearseSwiftRelease(work, sandbox.env, log);
    } finally {
      sandbox.stop();
    }
    const machineNode = findMachineNode();
    const { stdout: commonJsOutput } = await run(
      machineNode.path,
      ["-e", "const sdk = require('@expys/sdk'); console.log(typeof sdk.initialize, sdk.sdkVersion, process.version)"],
      { cwd: consumer },
    );
    return { published, quickstartOutput, commonJsOutput, kotlin, swift };
  } finally {
    await registry.stop();
    await rm(work, { recursive: true, force: true });
    await rm(consumer, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const report = await rehearseRelease((line) => console.log(`» ${line}`));
  console.log(`\nThe quickstart, installed from the local registry, printed:\n${report.quickstartOutput}`);
  console.log(`require('@expys/sdk') on the machine's Node: ${report.commonJsOutput}`);
  console.log(
    `com.expys:expys-sdk:${report.kotlin.version} (${report.kotlin.artifacts.join(", ")}), the Kotlin quickstart printed:\n${report.kotlin.quickstartOutput}`,
  );
  console.log(`The Swift SDK ${report.swift.version}, resolved by SwiftPM from its tag, ran the quickstart:\n${report.swift.quickstartOutput}`);
}
