import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** What a command printed. */
export interface RunResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs a command and resolves with its output; rejects with an error that
 * carries the command's output when it exits non-zero.
 */
export async function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
    return { stdout, stderr };
  } catch (error) {
    const failed = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${options.cwd}\n${failed.stdout ?? ""}${failed.stderr ?? ""}`, { cause: error });
  }
}
