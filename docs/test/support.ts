// Shared by the docs tests: where things are, how pages reference snippets, the
// text a region shows, a static server for the built site, and a snippet runner.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { expandGenerated } from "../.vitepress/site/generated-blocks.ts";
import { operationPage } from "../.vitepress/site/operation-page.ts";
import { schemaPage } from "../.vitepress/site/schema-page.ts";
import { methods } from "../.vitepress/site/spec-plan.ts";
import { schemas } from "../.vitepress/site/tables.ts";

export { sandboxEnv } from "../scripts/sandbox-env.ts";

export const docsRoot = fileURLToPath(new URL("..", import.meta.url));
export const snippetsDir = join(docsRoot, "snippets");
export const distDir = join(docsRoot, ".vitepress", "dist");

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile() && keep(path))
    .sort();
}

/** The site's markdown pages, relative to docs/ (contributor docs and code folders are not pages). */
export function pageFiles(): string[] {
  const excluded = ["node_modules", "snippets", "test", "scripts", ".vitepress"];
  return filesUnder(docsRoot, (path) => {
    const rel = relative(docsRoot, path);
    return rel.endsWith(".md") && rel !== "README.md" && !excluded.some((dir) => rel.startsWith(`${dir}${sep}`));
  }).map((path) => relative(docsRoot, path));
}

/** Snippet files, relative to docs/snippets (the folder's formatter settings are not a snippet). */
export function snippetFiles(): string[] {
  return filesUnder(snippetsDir, (path) => !path.endsWith("biome.json")).map((path) => relative(snippetsDir, path));
}

// Region markers as VitePress reads them in the languages we use: `// #region x`
// in TypeScript, `# #region x` in shell.
const regionStart = /^\s*(?:\/\/|#)\s*#?region\b\s*(.*?)\s*$/;
const regionEnd = /^\s*(?:\/\/|#)\s*#?endregion\b\s*(.*?)\s*$/;

/** The regions a snippet declares, in order, with any markers left unclosed or closed without opening. */
export function regionsOf(source: string): { names: string[]; problems: string[] } {
  const names: string[] = [];
  const problems: string[] = [];
  const open: string[] = [];
  source.split("\n").forEach((line, index) => {
    const start = regionStart.exec(line);
    const end = regionEnd.exec(line);
    if (end) {
      const name = end[1] ?? "";
      const at = open.lastIndexOf(name);
      if (at === -1) problems.push(`line ${index + 1}: #endregion ${name} closes no open region`);
      else open.splice(at, 1);
    } else if (start) {
      const name = start[1] ?? "";
      if (!name) problems.push(`line ${index + 1}: a region needs a name`);
      if (names.includes(name)) problems.push(`line ${index + 1}: region ${name} is declared twice`);
      names.push(name);
      open.push(name);
    }
  });
  for (const name of open) problems.push(`region ${name} is never closed`);
  return { names, problems };
}

/**
 * The text a page shows for `file#region`: the lines between the markers, with
 * nested markers removed and common indentation stripped, which is what
 * VitePress embeds.
 */
export function regionText(source: string, region: string): string | undefined {
  const lines = source.split("\n");
  const start = lines.findIndex((line) => regionStart.exec(line)?.[1] === region);
  if (start === -1) return undefined;
  const end = lines.findIndex((line, index) => index > start && regionEnd.exec(line)?.[1] === region);
  if (end === -1) return undefined;
  const body = lines.slice(start + 1, end).filter((line) => !regionStart.test(line) && !regionEnd.test(line));
  const indent = Math.min(...body.filter((line) => line.trim()).map((line) => /^[ \t]*/.exec(line)![0].length));
  return body.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join("\n");
}

/** One code block of a page, in the order the page shows them. */
export type PageBlock =
  | { kind: "snippet"; page: string; line: number; reference: string; path: string; region: string | undefined; title: string | undefined }
  | { kind: "fence"; page: string; line: number; lang: string; text: string };

/** A page's markdown as the build parses it: its `<!-- @generated -->` lines expanded. */
export function pageSource(page: string): string {
  return expandGenerated(readFileSync(join(docsRoot, page), "utf8"), page);
}

/** The pages the build writes from the spec (operations and schemas), by the path of the page they stand for, with their markdown. */
export function generatedPages(): { page: string; source: string }[] {
  return [
    ...methods.map(({ method }) => ({ page: `reference/operations/${method.operationId}.md`, source: operationPage(method) })),
    ...schemas.map((type) => ({ page: `reference/schemas/${type.id}.md`, source: schemaPage(type) })),
  ];
}

/** Every page with its markdown: the files, then the generated pages. */
export function allPageSources(): { page: string; source: string }[] {
  // `[operation].md` and its kind are templates for the generated pages, not pages.
  const files = pageFiles().filter((page) => !page.includes("["));
  return [...files.map((page) => ({ page, source: pageSource(page) })), ...generatedPages()];
}

/** Every code block of a markdown page: `<<<` imports and fenced blocks, in order. */
export function pageBlocks(page: string, source = pageSource(page)): PageBlock[] {
  const lines = source.split("\n");
  const blocks: PageBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const fence = /^(\s*)(`{3,}|~{3,})(\S*)/.exec(line);
    if (fence) {
      const [, indent = "", marker = "", lang = ""] = fence;
      const body: string[] = [];
      let end = index + 1;
      while (end < lines.length && !lines[end]!.trim().startsWith(marker)) body.push(lines[end++]!.slice(indent.length));
      blocks.push({ kind: "fence", page, line: index + 1, lang, text: body.join("\n") });
      index = end;
      continue;
    }
    const snippet = /^\s*<<<\s+(\S+?)(?:#([^\s{[]+))?(?:\{[^}]*\})?(?:\s+\[([^\]]+)\])?\s*$/.exec(line);
    if (snippet) {
      const [, path = "", region, title] = snippet;
      blocks.push({ kind: "snippet", page, line: index + 1, reference: line.trim(), path, region, title });
    }
  }
  return blocks;
}

/** Serves the built site as a static host would: `/x` is `x.html`, unknown paths get 404.html with status 404. */
export async function serveSite(root = distDir): Promise<{ url: string; close: () => Promise<void> }> {
  const types: Record<string, string> = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
  };
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://site").pathname);
    const candidates = path.endsWith("/") ? [`${path}index.html`] : [path, `${path}.html`];
    const file = candidates
      .map((candidate) => join(root, normalize(candidate)))
      .find((candidate) => candidate.startsWith(root) && existsSync(candidate) && statSync(candidate).isFile());
    if (!file) {
      response.writeHead(404, { "Content-Type": types[".html"] }).end(readFileSync(join(root, "404.html")));
      return;
    }
    response.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SnippetRun {
  code: number | null;
  stdout: string;
  stderr: string;
  lines: string[];
}

/**
 * Runs a snippet as a user would (`node file.ts` on the pinned Node, `bash
 * file.sh`), with only PATH, HOME and the given variables, so nothing from the
 * developer's own shell leaks in.
 */
export function runSnippet(file: string, env: Record<string, string>): Promise<SnippetRun> {
  const path = join(snippetsDir, file);
  const [command, args] = file.endsWith(".sh") ? ["bash", [path]] : [process.execPath, [path]];
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: docsRoot, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ code, stdout, stderr, lines: stdout.split("\n").filter((line) => line !== "") });
      },
    );
  });
}
