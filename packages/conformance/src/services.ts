import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository's root, where services.json commands run. */
export const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));

/** One column of the parity table: a name and the command that starts its service. */
export interface ServiceEntry {
  name: string;
  command: string;
}

/**
 * The services of `conformance/services.json`, in its order; with
 * `EXPYS_CONFORMANCE_SDKS=a,b` only those (an unknown name is an error, so a
 * typo cannot silently test nothing).
 */
export function listedServices(environment: NodeJS.ProcessEnv = process.env): ServiceEntry[] {
  const file = `${repositoryRoot}conformance/services.json`;
  const listed = JSON.parse(readFileSync(file, "utf8")) as unknown;
  if (typeof listed !== "object" || listed === null || Array.isArray(listed)) throw new TypeError(`${file} must map names to commands`);
  const entries = Object.entries(listed).map(([name, command]) => {
    if (typeof command !== "string" || command.trim() === "") throw new TypeError(`${file}: the command of ${name} must be a non-empty string`);
    return { name, command };
  });
  const wanted = environment.EXPYS_CONFORMANCE_SDKS?.split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (!wanted?.length) return entries;
  const unknown = wanted.filter((name) => !entries.some((entry) => entry.name === name));
  if (unknown.length) throw new RangeError(`EXPYS_CONFORMANCE_SDKS names ${unknown.join(", ")}, which ${file} does not list`);
  return entries.filter((entry) => wanted.includes(entry.name));
}
