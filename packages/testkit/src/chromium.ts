import { execFileSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const defaultPath = "/usr/bin/chromium";

/**
 * Flags for Debian's Chromium on these machines: as root it needs --no-sandbox, and
 * the background-networking flags stop it calling hosts the closed network refuses.
 */
const chromiumArgs = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function aptInstall(): void {
  const install = ["-y", "-o", "DPkg::Lock::Timeout=600", "install", "chromium"];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", install, { stdio: "ignore", env });
  } catch {
    // A new machine may have empty package lists.
    execFileSync("apt-get", ["-o", "DPkg::Lock::Timeout=600", "update"], { stdio: "ignore", env });
    execFileSync("apt-get", install, { stdio: "ignore", env });
  }
}

/**
 * The path of Debian's Chromium (or `EXPYS_CHROMIUM`). On a machine without it,
 * installs it with apt-get when running as root, so `npm test` works on a new
 * machine; otherwise throws with the command to run.
 */
export function ensureChromium(): string {
  const path = process.env.EXPYS_CHROMIUM ?? defaultPath;
  if (isExecutable(path)) return path;
  if (path === defaultPath && process.getuid?.() === 0) {
    aptInstall();
    if (isExecutable(path)) return path;
  }
  throw new Error(`Chromium not found at ${path}. Install Debian's package (apt-get install -y chromium) or set EXPYS_CHROMIUM.`);
}

/** Launches headless Chromium through playwright-core. Close it when done. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
}
