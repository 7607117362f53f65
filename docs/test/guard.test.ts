// The contract between pages and snippets: every embed points at a snippet file
// and region that exist, and every snippet and region is shown somewhere, so a
// renamed region or an orphaned example fails here with the page and the line.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allPageSources, docsRoot, pageBlocks, pageFiles, regionsOf, snippetFiles, snippetsDir, type PageBlock } from "./support.ts";

type SnippetBlock = Extract<PageBlock, { kind: "snippet" }>;

const pages = pageFiles();
const references = allPageSources()
  .flatMap(({ page, source }) => pageBlocks(page, source))
  .filter((block): block is SnippetBlock => block.kind === "snippet");
const snippets = snippetFiles();

/** Why a reference cannot be embedded, or undefined when it can. */
function problemWith(reference: SnippetBlock): string | undefined {
  const where = `${reference.page}:${reference.line} (${reference.reference})`;
  if (!reference.path.startsWith("@/snippets/")) return `${where}: code samples must come from docs/snippets/, as @/snippets/<file>`;
  const file = join(docsRoot, reference.path.slice(2));
  if (!existsSync(file)) return `${where}: no such snippet file ${reference.path.slice(2)}`;
  if (reference.region === undefined) return `${where}: embed a #region, not the whole file (the file has setup code and region markers)`;
  const { names } = regionsOf(readFileSync(file, "utf8"));
  if (!names.includes(reference.region)) return `${where}: ${reference.path.slice(2)} has no region "${reference.region}" (it has: ${names.join(", ")})`;
  if (!reference.title) return `${where}: give the embed a tab title, like [TypeScript]`;
  return undefined;
}

describe("pages and snippets", () => {
  it("finds the pages and the snippet references the checks below rely on", () => {
    expect(pages).toEqual(expect.arrayContaining(["index.md", "guide/quickstart.md", "guide/errors.md", "reference/index.md"]));
    expect(references.length).toBeGreaterThanOrEqual(20);
    expect(snippets).toEqual(expect.arrayContaining(["quickstart.ts", "streaming.ts"]));
  });

  it("every <<< reference names an existing snippet file and region", () => {
    expect(references.map(problemWith).filter(Boolean)).toEqual([]);
  });

  it("every snippet's region markers are well formed", () => {
    const problems = snippets.flatMap((file) =>
      regionsOf(readFileSync(join(snippetsDir, file), "utf8")).problems.map((problem) => `snippets/${file}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it("every snippet file, and every region in it, is shown by at least one page", () => {
    const shown = new Set(references.map((reference) => `${reference.path.replace(/^@\/snippets\//, "")}#${reference.region}`));
    const unshown = snippets.flatMap((file) => {
      const { names } = regionsOf(readFileSync(join(snippetsDir, file), "utf8"));
      if (names.length === 0) return [`snippets/${file}: has no region, so no page can show it`];
      return names.filter((name) => !shown.has(`${file}#${name}`)).map((name) => `snippets/${file}#${name}: no page embeds this region`);
    });
    expect(unshown).toEqual([]);
  });

  it("every snippet line fits in 80 columns, what a code block shows at 1280 px without scrolling", () => {
    const long = snippets.flatMap((file) =>
      readFileSync(join(snippetsDir, file), "utf8")
        .split("\n")
        .flatMap((line, index) => ([...line].length > 80 ? [`snippets/${file}:${index + 1} has ${[...line].length} characters`] : [])),
    );
    expect(long).toEqual([]);
  });

  it("the checks catch a missing region, a missing file and a sample from outside snippets/", () => {
    const fake = (reference: string, path: string, region: string | undefined): SnippetBlock => ({
      kind: "snippet",
      page: "guide/example.md",
      line: 7,
      reference,
      path,
      region,
      title: "TypeScript",
    });
    expect(problemWith(fake("<<< @/snippets/quickstart.ts#nope [TypeScript]", "@/snippets/quickstart.ts", "nope"))).toMatch(
      /^guide\/example\.md:7 .*quickstart\.ts has no region "nope"/,
    );
    expect(problemWith(fake("<<< @/snippets/gone.ts#list [TypeScript]", "@/snippets/gone.ts", "list"))).toMatch(/no such snippet file snippets\/gone\.ts/);
    expect(problemWith(fake("<<< ./elsewhere.ts#list [TypeScript]", "./elsewhere.ts", "list"))).toMatch(/must come from docs\/snippets/);
    expect(regionsOf("// #region a\nx\n").problems).toEqual(["region a is never closed"]);
  });
});
