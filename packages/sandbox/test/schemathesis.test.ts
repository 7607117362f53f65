// Runs schemathesis, the property-based API tester, against a real sandbox with
// the spec's OpenAPI 3.2 document: every operation, the event stream included,
// in its coverage, fuzzing and stateful phases, with all of its checks. The run
// must find nothing; spec/README.md explains each setting it needs.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, quietSandbox } from "./helpers.ts";
import { installSchemathesis } from "./schemathesis/install.ts";

const documentPath = createRequire(import.meta.url).resolve("@expys/spec/openapi-3.2.json");
const configPath = fileURLToPath(new URL("schemathesis/schemathesis.toml", import.meta.url));

/** Test cases per operation and phase: enough to exercise every parameter, small enough for about a minute here. */
const maxExamples = Number(process.env.EXPYS_SCHEMATHESIS_EXAMPLES ?? 200);
/** A fixed seed keeps CI reproducible; set EXPYS_SCHEMATHESIS_SEED to explore others. */
const seed = process.env.EXPYS_SCHEMATHESIS_SEED ?? "20261201";

interface Outcome {
  code: number;
  output: string;
  junit: string;
}

function schemathesis(executable: string, env: Record<string, string>, workDir: string): Promise<Outcome> {
  const junitPath = join(workDir, "junit.xml");
  const args = [
    ...["--config-file", configPath, "run", documentPath],
    ...["--url", env.EXPYS_BASE_URL ?? "", "--checks", "all", "--max-examples", String(maxExamples), "--seed", seed],
    ...["--report", "junit", "--report-junit-path", junitPath],
  ];
  return new Promise((resolve) => {
    // Run from a scratch directory, so nothing schemathesis writes lands in the repository.
    execFile(executable, args, { cwd: workDir, env: { ...process.env, ...env, NO_COLOR: "1" }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
      let junit = "";
      try {
        junit = readFileSync(junitPath, "utf8");
      } catch {
        // No report: the run failed before testing; the output says why.
      }
      resolve({ code, output: `${stdout}${stderr}`, junit });
    });
  });
}

function junitCounts(junit: string): { tests: number; failures: number; errors: number } {
  const suite = /<testsuites?\b[^>]*>/.exec(junit)?.[0] ?? "";
  const count = (name: string) => Number(new RegExp(`${name}="(\\d+)"`).exec(suite)?.[1] ?? Number.NaN);
  return { tests: count("tests"), failures: count("failures"), errors: count("errors") };
}

describe("schemathesis against the sandbox", { timeout: 600_000 }, () => {
  let executable: string;
  let workDir: string;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "expys-schemathesis-"));
    executable = await installSchemathesis();
  }, 600_000);

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it("finds no failure in any operation, with every check on", async () => {
    // The concierge chatters on watched conversations, so each stream schemathesis opens has events to judge.
    const sandbox = await quietSandbox({ seed: "schemathesis", agent: { replyDelayMs: 10, chatterIntervalMs: 20 } });
    const page = await call(sandbox, `/v1/conversations/${sandbox.conversationId}/messages?limit=10`, { token: sandbox.memberToken });
    const env = {
      EXPYS_BASE_URL: sandbox.baseUrl,
      EXPYS_MEMBER_TOKEN: sandbox.memberToken,
      EXPYS_ORG_API_KEY: sandbox.orgApiKey,
      EXPYS_CONVERSATION_ID: sandbox.conversationId,
      EXPYS_CURSOR: page.body.nextCursor,
      EXPYS_LAST_EVENT_ID: page.body.messages[0].id,
    };

    const outcome = await schemathesis(executable, env, workDir);
    const report = outcome.output.slice(outcome.output.indexOf("FAILURES") === -1 ? -4000 : outcome.output.indexOf("FAILURES"));
    expect(outcome.code, report).toBe(0);
    const counts = junitCounts(outcome.junit);
    expect(counts, report).toMatchObject({ failures: 0, errors: 0 });
    // Every operation of the spec was exercised.
    expect(counts.tests).toBeGreaterThanOrEqual(5);
    expect(outcome.output).toMatch(/Tested: 5\b/);
    expect(outcome.output).toMatch(/No issues found/);
  });
});
