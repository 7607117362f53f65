// The pipeline's layers only ever import downward: openapi <- model <- plan <-
// emitters, and an emitter never imports another language's emitter. A
// Kotlin or Swift emitter can then be written against the plan alone.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const src = fileURLToPath(new URL("../src", import.meta.url));
const layers = ["openapi", "model", "plan", "emitters"];

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(directory, entry.name)) : entry.name.endsWith(".ts") ? [join(directory, entry.name)] : [],
  );
}

/** The layer and, for emitters, the language of a file under src/. */
function placeOf(file: string): { layer: number; language?: string } | undefined {
  const [top, language] = relative(src, file).split("/");
  const layer = layers.indexOf(top ?? "");
  if (layer === -1) return undefined;
  return top === "emitters" && language && !language.endsWith(".ts") ? { layer, language } : { layer };
}

it("imports only from its own layer or the ones below, and never another language's emitter", () => {
  const violations: string[] = [];
  for (const file of sources(src)) {
    const from = placeOf(file);
    if (!from) continue;
    for (const [, target] of readFileSync(file, "utf8").matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
      const to = placeOf(join(file, "..", target!));
      if (!to) continue;
      if (to.layer > from.layer || (to.language && from.language && to.language !== from.language) || (to.language && from.layer < 3)) {
        violations.push(`${relative(src, file)} imports ${target}`);
      }
    }
  }
  expect(sources(src).length).toBeGreaterThan(20);
  expect(violations).toEqual([]);
});
