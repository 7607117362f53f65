// Installs schemathesis (PyPI) into a virtual environment in packages/sandbox/.venv
// (git-ignored), once per version of requirements.txt, with the machine's python3.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

const requirements = fileURLToPath(new URL("requirements.txt", import.meta.url));
const venv = fileURLToPath(new URL("../../.venv/schemathesis", import.meta.url));

async function step(file: string, args: string[], what: string): Promise<void> {
  try {
    await run(file, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stderr = "", message } = error as { stderr?: string; message: string };
    throw new Error(`${what} failed: ${stderr.trim() || message}`);
  }
}

/** The path of the `schemathesis` executable, installing it first when needed. */
export async function installSchemathesis(): Promise<string> {
  const wanted = createHash("sha256").update(readFileSync(requirements)).digest("hex");
  const marker = join(venv, "requirements.sha256");
  const executable = join(venv, "bin", "schemathesis");
  if (existsSync(executable) && existsSync(marker) && readFileSync(marker, "utf8") === wanted) return executable;

  rmSync(venv, { recursive: true, force: true });
  await step("python3", ["-m", "venv", venv], "creating a virtual environment with python3 -m venv");
  await step(join(venv, "bin", "python"), ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements], "pip install");
  writeFileSync(marker, wanted);
  return executable;
}
