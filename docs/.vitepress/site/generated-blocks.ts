// Markdown blocks a page asks for with a line `<!-- @generated NAME -->` (or
// `NAME:ARG`); the build replaces the line with the block before the page is
// parsed, so it renders (and is searchable) like hand-written markdown.
import { changelogMarkdown, packageVersion } from "./changelog.ts";
import { snippetGroup } from "./code-groups.ts";
import { parityMarkdown } from "./parity.ts";
import { plan } from "./spec-plan.ts";
import { environmentsTable, errorsTable, operationsTable, schemasTable } from "./tables.ts";

export const generatedBlocks: Readonly<Record<string, (argument: string | undefined) => string>> = {
  "errors-table": () => errorsTable(),
  operations: (tag) => operationsTable(tag),
  schemas: () => schemasTable(),
  environments: () => environmentsTable(),
  parity: () => parityMarkdown(),
  changelog: () => changelogMarkdown(),
  "release-line": () => {
    const sdk = packageVersion("packages/sdk-ts");
    // An inline tag first, so the line is a paragraph and its markdown renders.
    return `<span class="home-release">\`${sdk.name}\` ${sdk.version} · API ${plan.api.version} · [Changelog](/changelog)</span>`;
  },
  /** `code-group:streaming#live`: a tab per language whose snippets/streaming.* file exists. */
  "code-group": (argument) => {
    const [base = "", region = ""] = (argument ?? "").split("#");
    return snippetGroup(base, region);
  },
};

const generatedLine = /^<!-- @generated ([\w-]+)(?::(\S+))? -->$/gm;

/** A page's markdown with every generated line replaced by its block. */
export function expandGenerated(source: string, page = "a page"): string {
  return source.replace(generatedLine, (_line, name: string, argument: string | undefined) => {
    const block = generatedBlocks[name];
    if (!block) throw new Error(`${page} asks for an unknown generated block "${name}"`);
    return block(argument);
  });
}
