import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Reporter, TestCase, TestModule } from "vitest/node";
import type { ConformanceMeta } from "./scenario.ts";

/** One cell of the table. */
export interface ParityResult {
  status: "pass" | "fail";
  durationMs: number;
  error?: string;
  metrics?: Record<string, number>;
}

/** `parity.json`; its schema is documented in the README, version 1. */
export interface ParityTable {
  schemaVersion: 1;
  generatedAt: string;
  columns: { name: string; sdk?: string; sdkVersion?: string; runtime?: string; command: string; startError?: string }[];
  scenarios: { id: string; title: string; file: string; results: Record<string, ParityResult> }[];
  totals: Record<string, { pass: number; fail: number; durationMs: number }>;
}

/** Where the table is written. */
export const parityFile = fileURLToPath(new URL("../parity.json", import.meta.url));

function firstLines(text: string, lines = 4): string {
  return text.split("\n").slice(0, lines).join("\n").slice(0, 600);
}

function cellOf(test: TestCase, meta: ConformanceMeta): ParityResult {
  const result = test.result();
  const cell: ParityResult = { status: result.state === "passed" ? "pass" : "fail", durationMs: Math.round(test.diagnostic()?.duration ?? 0) };
  if (result.state === "failed") cell.error = firstLines(result.errors.map((error) => error.message).join("\n"));
  else if (result.state !== "passed") cell.error = `not run (${result.state})`;
  if (meta.metrics) cell.metrics = meta.metrics;
  return cell;
}

/** Collects the scenario tests of a run into the parity table. */
export function parityTable(modules: readonly TestModule[], root: string): ParityTable {
  const table: ParityTable = { schemaVersion: 1, generatedAt: new Date().toISOString(), columns: [], scenarios: [], totals: {} };
  for (const module of modules) {
    for (const test of module.children.allTests()) {
      const meta = test.meta().conformance;
      if (!meta) continue;
      let column = table.columns.find(({ name }) => name === meta.column);
      if (!column) {
        column = { name: meta.column, command: meta.command };
        if (meta.service) Object.assign(column, meta.service);
        if (meta.startError) column.startError = meta.startError;
        table.columns.push(column);
      }
      let row = table.scenarios.find(({ id }) => id === meta.scenario);
      if (!row) {
        row = { id: meta.scenario, title: meta.title, file: module.moduleId.replace(root, ""), results: {} };
        table.scenarios.push(row);
      }
      const cell = cellOf(test, meta);
      row.results[meta.column] = cell;
      const totals = table.totals[meta.column] ?? { pass: 0, fail: 0, durationMs: 0 };
      table.totals[meta.column] = totals;
      totals[cell.status] += 1;
      totals.durationMs += cell.durationMs;
    }
  }
  table.scenarios.sort((a, b) => a.file.localeCompare(b.file));
  return table;
}

/** The table as text: one row per scenario, one column per service. */
export function formatTable(table: ParityTable): string {
  const names = table.columns.map(({ name }) => name);
  const titleWidth = Math.min(72, Math.max(8, ...table.scenarios.map(({ id }) => id.length)));
  const pad = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
  const lines = [`${pad("scenario", titleWidth)}  ${names.map((name) => pad(name, Math.max(name.length, 4))).join("  ")}`];
  for (const row of table.scenarios) {
    const cells = names.map((name) => pad(row.results[name]?.status === "pass" ? "pass" : "FAIL", Math.max(name.length, 4)));
    lines.push(`${pad(row.id, titleWidth)}  ${cells.join("  ")}`);
  }
  const totals = names.map((name) => {
    const total = table.totals[name];
    return pad(`${total?.pass ?? 0}/${(total?.pass ?? 0) + (total?.fail ?? 0)}`, Math.max(name.length, 4));
  });
  lines.push(`${pad("passed", titleWidth)}  ${totals.join("  ")}`);
  const measured = table.scenarios.flatMap((row) =>
    names.flatMap((name) => {
      const metrics = row.results[name]?.metrics;
      return metrics
        ? [
            `  ${row.id} [${name}]: ${Object.entries(metrics)
              .map(([key, value]) => `${key}=${value}`)
              .join(" ")}`,
          ]
        : [];
    }),
  );
  if (measured.length) lines.push("", "measured:", ...measured);
  const runtimes = table.columns.map(
    (column) =>
      `  ${column.name}: ${column.startError ? `did not start: ${firstLines(column.startError, 1)}` : `${column.sdk} ${column.sdkVersion} on ${column.runtime}`}`,
  );
  return [
    "",
    "Parity table (scenario x SDK)",
    ...lines,
    "",
    "columns:",
    ...runtimes,
    `written to ${table.scenarios.length ? parityFile : "(nothing)"}`,
    "",
  ].join("\n");
}

/** A vitest reporter that prints the parity table after the run and writes it to parity.json. */
export default class ParityReporter implements Reporter {
  #root = "";

  onInit(vitest: { config: { root: string } }): void {
    this.#root = `${vitest.config.root.replace(/\/$/, "")}/`;
  }

  onTestRunEnd(modules: readonly TestModule[]): void {
    const table = parityTable(modules, this.#root);
    if (table.scenarios.length === 0) return;
    writeFileSync(parityFile, `${JSON.stringify(table, null, 2)}\n`);
    process.stdout.write(formatTable(table));
  }
}
