import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";

/** A running conformance service. */
export interface ServiceProcess {
  readonly url: string;
  /** The end of what it wrote to stderr, for failure messages. */
  stderr(): string;
  /** Asks it to exit (`DELETE /`), and ends its process group if it does not within a few seconds. */
  stop(): Promise<void>;
}

const stderrKept = 64 * 1024;

function exited(child: ChildProcess, withinMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), withinMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts a service with `sh -c command` in `cwd` and resolves once it has
 * printed its ready line, `{"url": ...}`, on stdout. Its stderr goes to `logFile`.
 */
export async function startService(command: string, cwd: string, options: { logFile?: string; readyWithinMs?: number } = {}): Promise<ServiceProcess> {
  const readyWithinMs = options.readyWithinMs ?? 120_000;
  // Its own process group, so that stopping it also stops what a launcher started.
  const child = spawn("sh", ["-c", command], { cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const log = options.logFile ? createWriteStream(options.logFile) : undefined;
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-stderrKept);
    log?.write(chunk);
  });
  child.once("exit", () => log?.end());
  const kill = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`printed no ready line within ${readyWithinMs} ms`), readyWithinMs);
    const lines = createInterface({ input: child.stdout! });
    let settled = false;
    function fail(why: string): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      lines.close();
      kill("SIGKILL");
      reject(new Error(`the service \`${command}\` ${why}\n${stderr}`));
    }
    lines.on("line", (line) => {
      try {
        const { url } = JSON.parse(line) as { url?: unknown };
        if (typeof url !== "string" || settled) return;
        settled = true;
        clearTimeout(timer);
        lines.close();
        child.stdout!.resume();
        resolve(url);
      } catch {
        // Not the ready line.
      }
    });
    child.once("error", (error) => fail(`did not start: ${error.message}`));
    child.once("exit", (code, signal) => fail(`exited (${signal ?? code}) before its ready line`));
  });
  return {
    url,
    stderr: () => stderr,
    async stop() {
      await fetch(new URL("/", url), { method: "DELETE", signal: AbortSignal.timeout(5000) }).catch(() => {});
      if (!(await exited(child, 5000))) {
        kill("SIGTERM");
        await exited(child, 3000);
      }
      // The group, not only the process we started: a launcher that dies on SIGTERM can
      // leave behind a program that does not (seen: a Swift service under chroot, orphaned).
      kill("SIGKILL");
    },
  };
}
