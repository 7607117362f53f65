import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findMachineNode } from "@expys/testkit";
import { describe, expect, it } from "vitest";
import { call } from "./helpers.ts";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const bin = fileURLToPath(new URL("../bin/expys-sandbox.js", import.meta.url));
const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
// The published CLI must run on the machine's Node 20, not only on the repository's pinned Node.
const node = findMachineNode();

interface Run {
  stdout: string;
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  /** Resolves with the first stdout line. */
  firstLine: Promise<string>;
}

/** How to start the CLI: the built file under the machine's Node by default, or a wrapper such as npx. */
interface Command {
  file: string;
  args: string[];
  cwd?: string;
}

function runCli(args: string[], command: Command = { file: node.path, args: [cli] }): Run {
  // In its own process group, so a signal reaches the CLI under any wrapper (npx, npm run), as Ctrl-C does in a terminal.
  const child = spawn(command.file, [...command.args, ...args], { stdio: ["ignore", "pipe", "pipe"], cwd: command.cwd, detached: true });
  const run: Run = {
    stdout: "",
    stderr: "",
    exit: new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal }))),
    kill: (signal) => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, signal);
    },
    firstLine: new Promise((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        run.stdout += chunk.toString();
        const newline = run.stdout.indexOf("\n");
        if (newline !== -1) resolve(run.stdout.slice(0, newline));
      });
      child.once("exit", () => reject(new Error(`the CLI exited before printing a line: ${run.stderr}`)));
    }),
  };
  child.stderr.on("data", (chunk: Buffer) => (run.stderr += chunk.toString()));
  // Runs that are expected to fail never print a line; only a test that awaits it should see the rejection.
  run.firstLine.catch(() => undefined);
  return run;
}

// Each test starts Node processes, which can be slow on a busy machine.
describe("expys-sandbox", { timeout: 20_000 }, () => {
  it("links its bin to a committed entry point, so a fresh clone's npm ci links it before any build", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(manifest.bin).toEqual({ "expys-sandbox": "./bin/expys-sandbox.js" });
    expect(manifest.files).toContain("bin");
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(realpathSync(join(repositoryRoot, "node_modules/.bin/expys-sandbox"))).toBe(realpathSync(bin));
    expect(existsSync(cli), "run `npm run build` first").toBe(true);
    expect(node.major).toBeGreaterThanOrEqual(20);
  });

  it("explains, and exits with 1, when the package is not built yet", async () => {
    const unbuilt = mkdtempSync(join(tmpdir(), "expys-sandbox-unbuilt-"));
    try {
      copyFileSync(bin, join(unbuilt, "expys-sandbox.js"));
      const run = runCli([], { file: node.path, args: [join(unbuilt, "expys-sandbox.js")] });
      expect((await run.exit).code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/not built yet; run `npm run build`/);
    } finally {
      rmSync(unbuilt, { recursive: true, force: true });
    }
  });

  it("runs as `npx expys-sandbox` from the repository root, with nothing but the JSON line on stdout", async () => {
    const run = runCli(["--port", "0", "--quiet", "--no-agent"], { file: "npx", args: ["--no-install", "expys-sandbox"], cwd: repositoryRoot });
    try {
      const line = JSON.parse(await run.firstLine);
      expect((await call(line, "/v1/conversations", { token: line.memberToken })).status).toBe(200);
    } finally {
      run.kill("SIGTERM");
    }
    await run.exit;
    expect(run.stdout.split("\n")).toHaveLength(2);
    expect(Object.keys(JSON.parse(run.stdout))).toEqual(["baseUrl", "orgApiKey", "externalUserID", "memberToken", "conversationId"]);
  });

  it("keeps `npm run -s sandbox` pipeable: the build's output goes to stderr, then the CLI replaces the shell", () => {
    // Running the script here would start a second turbo inside this test run, restoring build outputs other
    // packages' tests are reading; what makes its stdout clean is the redirection and the exec, checked here.
    const root = JSON.parse(readFileSync(join(repositoryRoot, "package.json"), "utf8"));
    const [build, start] = String(root.scripts.sandbox).split(" && ");
    expect(build).toMatch(/^turbo run build --filter=@expys\/sandbox .* 1>&2$/);
    expect(start).toBe("exec node packages/sandbox/dist/cli.js");
  });

  it(`prints exactly one JSON line whose token works, and exits cleanly on SIGTERM (Node ${node.version})`, async () => {
    const run = runCli(["--port", "0"]);
    try {
      const line = JSON.parse(await run.firstLine);
      expect(Object.keys(line)).toEqual(["baseUrl", "orgApiKey", "externalUserID", "memberToken", "conversationId"]);
      expect(line.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(line.externalUserID).toBe("demo-member");

      const listed = await call(line, "/v1/conversations", { token: line.memberToken });
      expect(listed.status).toBe(200);
      expect(listed.body.conversations[0].id).toBe(line.conversationId);
      const minted = await call(line, "/v1/auth/exchange", {
        method: "POST",
        json: { externalUserID: line.externalUserID },
        headers: { "Org-API-Key": line.orgApiKey },
      });
      expect(minted.body.kind).toBe("member");
    } finally {
      run.kill("SIGTERM");
    }
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout.split("\n")).toHaveLength(2);
    expect(run.stdout.endsWith("\n")).toBe(true);
    expect(run.stderr).toMatch(/GET \/v1\/conversations 200/);
    expect(run.stderr).not.toContain(JSON.parse(run.stdout).memberToken);
  });

  it("closes open streams gracefully on SIGINT", async () => {
    const run = runCli(["--port", "0", "--quiet", "--no-agent"]);
    const line = JSON.parse(await run.firstLine);
    const response = await fetch(`${line.baseUrl}/v1/conversations/${line.conversationId}/stream`, {
      headers: { Authorization: `Bearer ${line.memberToken}` },
    });
    expect(response.status).toBe(200);
    const body = response.body?.getReader();
    expect((await body?.read())?.value).toBeDefined();
    run.kill("SIGINT");
    let done = false;
    while (!done) done = (await body?.read())?.done ?? true;
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stderr).not.toMatch(/GET/);
  });

  it("rejects an unknown flag or a bad port with usage and exit code 2", async () => {
    for (const args of [["--bogus"], ["--port", "http"]]) {
      const run = runCli(args);
      expect((await run.exit).code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/Usage: expys-sandbox/);
    }
  });

  it("explains a port in use", async () => {
    const first = runCli(["--port", "0", "--quiet"]);
    const { baseUrl } = JSON.parse(await first.firstLine);
    const second = runCli(["--port", new URL(baseUrl).port]);
    expect((await second.exit).code).toBe(1);
    expect(second.stderr).toMatch(/already in use/);
    first.kill("SIGTERM");
    expect((await first.exit).code).toBe(0);
  });
});
