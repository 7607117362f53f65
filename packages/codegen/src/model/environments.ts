import { pointerTo } from "../openapi/json-pointer.ts";
import type { Environment } from "./api-model.ts";
import { splitWords } from "./names.ts";
import type { Schema } from "./schema-converter.ts";
import { UnsupportedConstructError } from "../openapi/unsupported-construct-error.ts";

/**
 * The document's servers as named environments. A server's name is the start of
 * its description, up to the first punctuation and at most three words
 * ("Production", "Sandbox"); URL variables take their default values.
 */
export function buildEnvironments(document: Schema): Environment[] {
  const servers = Array.isArray(document.servers) ? document.servers : [];
  const environments = servers.map((server: Schema, index: number) => {
    const pointer = pointerTo("#/servers", index);
    const url = resolveServerUrl(server, pointer);
    const description = typeof server.description === "string" ? server.description : "";
    const label = splitWords(description.split(/[:(,.;]|\s-\s/)[0] ?? "").slice(0, 3);
    const name = label.length > 0 ? label : servers.length === 1 ? ["default"] : ["server", String(index + 1)];
    return {
      name,
      url,
      ...(description ? { doc: description } : {}),
    };
  });
  const seen = new Set<string>();
  for (const [index, environment] of environments.entries()) {
    const key = environment.name.join(" ").toLowerCase();
    if (seen.has(key)) throw new UnsupportedConstructError(pointerTo("#/servers", index, "description"), `two servers are both named "${key}"`);
    seen.add(key);
  }
  return environments;
}

/** A server object's URL with its variables at their defaults. */
export function resolveServerUrl(server: unknown, pointer: string): string {
  const { url, variables } = (server ?? {}) as Schema;
  if (typeof url !== "string") throw new UnsupportedConstructError(pointer, "a server needs a url");
  return url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = (variables as Schema | undefined)?.[name] as Schema | undefined;
    if (!variable || typeof variable.default !== "string") {
      throw new UnsupportedConstructError(pointerTo(pointer, "variables", name), `the URL variable {${name}} needs a default`);
    }
    return variable.default;
  });
}
