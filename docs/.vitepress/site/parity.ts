// The parity page: every scenario of the conformance suite, every SDK column,
// pass or fail, from the table a run of the suite writes (packages/conformance
// README, "The parity table", schema version 1). The build reads the copy
// committed at docs/data/parity.json; it never runs the suite.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cell } from "./markdown.ts";

export const parityPath = fileURLToPath(new URL("../../data/parity.json", import.meta.url));

interface ParityTable {
  schemaVersion: number;
  generatedAt: string;
  columns: { name: string; sdk?: string; sdkVersion?: string; runtime?: string; startError?: string }[];
  scenarios: { id: string; title: string; file: string; results: Record<string, { status: "pass" | "fail"; error?: string }> }[];
  totals: Record<string, { pass: number; fail: number }>;
}

export function readParity(path = parityPath): ParityTable {
  const table = JSON.parse(readFileSync(path, "utf8")) as ParityTable;
  if (table.schemaVersion !== 1) throw new Error(`${path}: parity table schema ${table.schemaVersion}, the docs read version 1`);
  return table;
}

const sdkLabels: Record<string, string> = { typescript: "TypeScript", kotlin: "Kotlin", swift: "Swift" };

/** "node v24.21.0" -> "Node 24"; "deno 2.9.6" -> "Deno 2.9"; "jvm 17.0.13" -> "JVM 17". */
function runtimeLabel(runtime: string | undefined): string {
  const [name = "", version = ""] = (runtime ?? "").split(/\s+/);
  const numbers = version.replace(/^v/, "").split(".");
  const short = name === "node" || name === "jvm" ? numbers[0] : numbers.slice(0, 2).join(".");
  const title = name === "jvm" ? "JVM" : name.charAt(0).toUpperCase() + name.slice(1);
  return `${title} ${short ?? ""}`.trim();
}

function columnLabel(column: ParityTable["columns"][number]): string {
  if (column.startError) return `${column.name}<br>(did not start)`;
  return `${sdkLabels[column.sdk ?? ""] ?? column.sdk ?? column.name}<br>${runtimeLabel(column.runtime)}`;
}

/** `test/stream-resume.test.ts` -> "Stream resume". */
function areaOf(file: string): string {
  const base = file.replace(/^.*\//, "").replace(/\.test\.ts$/, "");
  const words = base.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The parity page's body, as markdown. */
export function parityMarkdown(table: ParityTable = readParity()): string {
  const columns = table.columns;
  const out: string[] = [];
  const date = table.generatedAt.slice(0, 10);
  const ran = columns
    .map((column) => (column.startError ? `${column.name} (did not start)` : `${column.name}: ${column.sdk} ${column.sdkVersion} on ${column.runtime}`))
    .join("; ");
  out.push(`Recorded from the run of ${date} (${ran}).`, "");
  const totals = columns.map((column) => {
    const total = table.totals[column.name] ?? { pass: 0, fail: 0 };
    return `| ${columnLabel(column)} | ${total.pass} | ${total.fail} |`;
  });
  out.push("| SDK | Passed | Failed |", "| --- | --- | --- |", ...totals, "");
  const areas = [...new Set(table.scenarios.map((scenario) => scenario.file))];
  for (const file of areas) {
    out.push(`## ${areaOf(file)}`, "");
    out.push(`| What every SDK must do | ${columns.map(columnLabel).join(" | ")} |`, `| --- | ${columns.map(() => "---").join(" | ")} |`);
    for (const scenario of table.scenarios.filter((candidate) => candidate.file === file)) {
      const cells = columns.map((column) => {
        const status = scenario.results[column.name]?.status;
        return status === "pass" ? "pass" : status === "fail" ? "**fail**" : "not run";
      });
      out.push(`| ${cell(scenario.title)} <span class="scenario-id">${scenario.id}</span> | ${cells.join(" | ")} |`);
    }
    out.push("");
  }
  const failures = table.scenarios.flatMap((scenario) =>
    columns.flatMap((column) => {
      const result = scenario.results[column.name];
      return result?.status === "fail" ? [`- **${scenario.id}** on ${column.name}: ${cell((result.error ?? "").split("\n")[0]).slice(0, 300)}`] : [];
    }),
  );
  if (failures.length) out.push("## What failed", "", ...failures, "");
  return out.join("\n");
}
