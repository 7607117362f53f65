// Code groups built from whichever snippet files exist: a page asks for
// `reference/listMessages#request`, and gets a tab for each language that has
// that file (listMessages.ts, .kt, .swift, then .sh as curl). A language's
// tab appears as soon as its file lands, with no page to edit.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { curl, type Language, languages } from "./spec-plan.ts";

export const snippetsDir = fileURLToPath(new URL("../../snippets/", import.meta.url));

/** The languages of the SDKs, then curl. */
const tabLanguages: readonly Language[] = [...languages, curl];

/** The `<<<` embeds for `base#region`, one per language whose snippet file exists, in tab order. */
export function snippetEmbeds(base: string, region: string): string[] {
  return tabLanguages
    .filter((language) => existsSync(`${snippetsDir}${base}.${language.extension}`))
    .map((language) => `<<< @/snippets/${base}.${language.extension}#${region} [${language.label}]`);
}

/** A `::: code-group` of the embeds for `base#region`; an error when no file has it, so a typo fails the build. */
export function snippetGroup(base: string, region: string): string {
  const embeds = snippetEmbeds(base, region);
  if (embeds.length === 0) throw new Error(`no snippet file snippets/${base}.* to show #${region} from`);
  return ["::: code-group", ...embeds, ":::"].join("\n");
}
