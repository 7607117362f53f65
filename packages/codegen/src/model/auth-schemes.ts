import { pointerTo } from "../openapi/json-pointer.ts";
import type { AuthScheme } from "./api-model.ts";
import { splitWords } from "./names.ts";
import { resolveObject } from "./resolve-object.ts";
import type { Schema, SchemaConverter } from "./schema-converter.ts";

/**
 * The document's security schemes. OAuth 2 and OpenID Connect present their
 * access token as a bearer token, so SDKs treat them as bearer schemes; how the
 * token is obtained is the application's business.
 */
export function buildAuthSchemes(converter: SchemaConverter, document: Schema): AuthScheme[] {
  const schemes = ((document.components as Schema | undefined)?.securitySchemes ?? {}) as Schema;
  return Object.entries(schemes).map(([id, entry]) => {
    const { value: scheme } = resolveObject(converter, entry, pointerTo("#/components/securitySchemes", id));
    const common = { id, name: splitWords(id), ...(typeof scheme.description === "string" ? { doc: scheme.description } : {}) };
    const httpScheme = typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : "";
    if (scheme.type === "http" && httpScheme === "bearer") return { ...common, kind: "bearer" };
    if (scheme.type === "http" && httpScheme === "basic") return { ...common, kind: "basic" };
    if (scheme.type === "oauth2" || scheme.type === "openIdConnect") return { ...common, kind: "bearer" };
    if (scheme.type === "apiKey" && typeof scheme.name === "string" && (scheme.in === "header" || scheme.in === "query" || scheme.in === "cookie")) {
      return { ...common, kind: "apiKey", location: scheme.in, wireName: scheme.name };
    }
    return { ...common, kind: "unsupported", description: `${String(scheme.type)}${httpScheme ? ` ${httpScheme}` : ""}` };
  });
}
