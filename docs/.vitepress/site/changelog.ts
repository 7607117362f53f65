// The changelog page: the pending changesets (what the next release will
// say), then each published package's CHANGELOG.md as changesets writes it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { prose } from "./markdown.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** The published packages, by folder, as packages/release lists them. */
export const publishedFolders = ["packages/sdk-ts", "packages/sse", "packages/codegen", "packages/sandbox"];

export function packageVersion(folder: string): { name: string; version: string } {
  return JSON.parse(readFileSync(`${root}${folder}/package.json`, "utf8")) as { name: string; version: string };
}

interface Changeset {
  bumps: { name: string; bump: string }[];
  summary: string;
}

function pendingChangesets(): Changeset[] {
  const dir = `${root}.changeset/`;
  return readdirSync(dir)
    .filter((file) => file.endsWith(".md") && file !== "README.md")
    .sort()
    .map((file) => {
      const [, front = "", body = ""] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(dir + file, "utf8")) ?? [];
      const bumps = [...front.matchAll(/^"?([^":]+)"?:\s*(\w+)/gm)].map((match) => ({ name: match[1]!, bump: match[2]! }));
      return { bumps, summary: body.trim() };
    });
}

/** The changelog page's body, as markdown. */
export function changelogMarkdown(): string {
  const out: string[] = [];
  const pending = pendingChangesets();
  out.push("## Unreleased", "");
  if (pending.length === 0) out.push("Nothing has changed since the last release.", "");
  for (const changeset of pending) {
    const names = changeset.bumps.map((bump) => `\`${bump.name}\` (${bump.bump})`).join(", ");
    out.push(`- ${names}: ${prose(changeset.summary).replace(/\n+/g, " ")}`);
  }
  out.push("");
  for (const folder of publishedFolders) {
    const { name, version } = packageVersion(folder);
    out.push(`## ${name}`, "");
    const file = `${root}${folder}/CHANGELOG.md`;
    if (!existsSync(file)) {
      out.push(`Version ${version}: not released yet.`, "");
      continue;
    }
    // The file's own title is the package name, already the heading here; its versions become subsections.
    const body = readFileSync(file, "utf8")
      .replace(/^# .*\n/, "")
      .replace(/^(#{2,5}) /gm, "#$1 ");
    out.push(prose(body).trim(), "");
  }
  return out.join("\n");
}
