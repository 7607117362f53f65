// Everything the site says about the API's shape comes from here, and this
// reads it from the spec: the OpenAPI document, the codegen model built from
// it, and the TypeScript that codegen's own emitter writes from that model. A
// spec change therefore changes the reference pages, the errors table and the
// operation tables on the next build, with no page to edit by hand.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { buildModel, emitters, loadDocument, type ApiModel, type NamedType, type Operation, type Parameter, type Property, type TypeRef } from "@expys/codegen";

/** The OpenAPI 3.0 document the spec emits (`spec/openapi/openapi.json`). */
export const specPath = createRequire(import.meta.url).resolve("@expys/spec/openapi.json");

export const model: ApiModel = buildModel(await loadDocument(specPath));

/** One row of the error taxonomy, as `x-expys-error-codes` declares it. */
export interface ErrorCodeRow {
  code: string;
  status: number;
  retryable: boolean;
  description: string;
}

/** The taxonomy, read straight from the document's `ErrorCode` schema. */
export function errorCodes(): ErrorCodeRow[] {
  const document = JSON.parse(readFileSync(specPath, "utf8")) as {
    components: { schemas: Record<string, { "x-expys-error-codes"?: ErrorCodeRow[] }> };
  };
  const rows = Object.values(document.components.schemas).find((schema) => schema["x-expys-error-codes"])?.["x-expys-error-codes"];
  if (!rows?.length) throw new Error(`${specPath} declares no x-expys-error-codes`);
  return rows;
}

// The TypeScript SDK as codegen writes it from this model: signatures and type
// declarations are quoted from it, so they are exactly what users compile against.
const emitted = new Map(emitters.typescript!(model, {}).map((file) => [file.path, file.contents]));
function emittedFile(name: string): string {
  const contents = emitted.get(name);
  if (contents === undefined) throw new Error(`codegen's TypeScript emitter wrote no ${name}`);
  return contents;
}

/** An operation's SDK entry point: which import, which factory, the method's signature. */
export interface SdkMethod {
  name: string;
  signature: string;
  module: "@expys/sdk" | "@expys/sdk/server";
  factory: "initialize" | "initializeServer";
}

function sdkMethods(): Map<string, SdkMethod> {
  const methods = new Map<string, SdkMethod>();
  for (const [file, module, factory] of [
    ["client.ts", "@expys/sdk", "initialize"],
    ["server.ts", "@expys/sdk/server", "initializeServer"],
  ] as const) {
    if (!emitted.has(file)) continue;
    // Each method of the client interface is preceded by a doc comment naming its route.
    let route: string | undefined;
    for (const line of emittedFile(file).split("\n")) {
      const routeLine = /^\s+\* `([A-Z]+) (\/\S*)`$/.exec(line);
      if (routeLine) route = `${routeLine[1]} ${routeLine[2]}`;
      const signature = /^ {2}(\w+)\((.*)\): (.+);$/.exec(line);
      if (signature && route) {
        methods.set(route, { name: signature[1]!, signature: `${signature[1]}(${signature[2]}): ${signature[3]}`, module, factory });
        route = undefined;
      }
    }
  }
  return methods;
}
const methodsByRoute = sdkMethods();

export function sdkMethod(operation: Operation): SdkMethod {
  const method = methodsByRoute.get(`${operation.method.toUpperCase()} ${operation.path}`);
  if (!method) throw new Error(`no SDK method for ${operation.method.toUpperCase()} ${operation.path}`);
  return method;
}

/** The declaration of a named type in the SDK's `types.ts`, with its doc comments. */
export function sdkDeclaration(name: string): string | undefined {
  const lines = emittedFile("types.ts").split("\n");
  const start = lines.findIndex((line) => line.startsWith(`export interface ${name} `) || line.startsWith(`export type ${name} `));
  if (start === -1) return undefined;
  let first = start;
  if (lines[start - 1]?.trimEnd().endsWith("*/")) {
    while (first > 0 && !lines[first]!.startsWith("/**")) first -= 1;
  }
  let last = start;
  if (lines[start]!.startsWith("export interface")) {
    while (last < lines.length && lines[last] !== "}") last += 1;
  } else {
    while (last < lines.length && !lines[last]!.trimEnd().endsWith(";")) last += 1;
  }
  return lines.slice(first, last + 1).join("\n");
}

// ---------------------------------------------------------------- markdown

/** Spec prose for a page: escapes what Vue or HTML would read as markup, outside code spans. */
export function prose(text: string | undefined): string {
  if (!text) return "";
  return text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith("`") ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\{\{/g, "&#123;&#123;")))
    .join("");
}

/** Prose for one table cell: one line, pipes escaped. */
function cell(text: string | undefined): string {
  return prose(text)
    .replace(/\s*\n\s*/g, " ")
    .replace(/\|/g, "\\|");
}

export const operationLink = (operation: Operation): string => `/reference/operations/${operation.id}`;
export const schemaLink = (type: NamedType): string => `/reference/schemas/${type.id}`;

function namedType(id: string): NamedType {
  const type = model.types.find((candidate) => candidate.id === id);
  if (!type) throw new Error(`the model has no type ${id}`);
  return type;
}

/** A type for a table cell: schemas link to their pages; `null` is spelled out. */
export function typeText(type: TypeRef): string {
  let text: string;
  switch (type.kind) {
    case "primitive":
      text = `\`${type.type}\`${type.format ? ` (${type.format})` : ""}`;
      break;
    case "ref":
      text = `[\`${type.id}\`](${schemaLink(namedType(type.id))})`;
      break;
    case "array":
      text = `${typeText(type.items)}\`[]\``;
      break;
    case "map":
      text = `map of ${typeText(type.values)}`;
      break;
    case "literal":
      text = type.values.map((value) => `\`${JSON.stringify(value)}\``).join(" or ");
      break;
    case "object":
      text = "`object`";
      break;
    case "union":
      text = type.variants.map(typeText).join(" or ");
      break;
    case "unknown":
      text = "any JSON";
      break;
  }
  return type.nullable ? `${text} or \`null\`` : text;
}

const yesNo = (value: boolean | undefined): string => (value ? "yes" : "no");

function propertiesTable(properties: readonly Property[]): string {
  const rows = properties.map(
    (property) =>
      `| \`${property.wireName}\` | ${typeText(property.type)} | ${yesNo(property.required)} | ${yesNo(property.type.nullable)} | ${cell(property.doc)} |`,
  );
  return ["| Field | Type | Required | Nullable | Description |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}

/** `lowerCamel` from a model name, acronyms kept as spelled, as codegen's TypeScript emitter names arguments. */
function camelCase(name: readonly string[]): string {
  const [first = "", ...rest] = name;
  const head = /^\p{Lu}+$/u.test(first) && first.length > 1 ? first.toLowerCase() : first.charAt(0).toLowerCase() + first.slice(1);
  return head + rest.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
}

/** Where a parameter goes in the SDK call: a positional argument, or a member of the trailing `params` object. */
function sdkArgument(parameter: Parameter): string {
  if (parameter.location === "path") return `\`${camelCase(parameter.name)}\` (positional)`;
  const key = parameter.location !== "header" && /^[A-Za-z_$][\w$]*$/.test(parameter.wireName) ? parameter.wireName : camelCase(parameter.name);
  return `\`params.${key}\``;
}

function parametersTable(parameters: readonly Parameter[]): string {
  const rows = parameters.map(
    (parameter) =>
      `| \`${parameter.wireName}\` | ${parameter.location} | ${sdkArgument(parameter)} | ${typeText(parameter.type)} | ${yesNo(parameter.required)} | ${yesNo(parameter.type.nullable)} | ${cell(parameter.doc)} |`,
  );
  return ["| Name | In | In the SDK | Type | Required | Nullable | Description |", "| --- | --- | --- | --- | --- | --- | --- |", ...rows].join("\n");
}

/** The first sentence of a doc string, for overview tables. */
function summary(doc: string | undefined): string {
  const text = (doc ?? "").replace(/\s*\n\s*/g, " ");
  const end = text.search(/\.(\s|$)/);
  return cell(end === -1 ? text : text.slice(0, end + 1));
}

function credentialText(operation: Operation): string {
  const schemes = operation.security.flat().map((id) => model.authSchemes.find((scheme) => scheme.id === id));
  return schemes
    .map((scheme) => {
      if (!scheme) return "none";
      if (scheme.kind === "bearer") return "a bearer token (`Authorization: Bearer …`), member or machine";
      if (scheme.kind === "apiKey") return `the organisation key in the \`${scheme.wireName}\` ${scheme.location}, from your backend only`;
      return scheme.id;
    })
    .join(", or ");
}

const guideLinks = {
  pagination: "/guide/pagination",
  streaming: "/guide/streaming",
  retries: "/guide/retries",
  errors: "/guide/errors",
  authentication: "/guide/authentication",
};

/** The reference page of one operation, as markdown. */
export function operationPage(operation: Operation): string {
  const method = sdkMethod(operation);
  const out: string[] = [];
  out.push(`# ${method.name}`, "");
  out.push(`**\`${operation.method.toUpperCase()} ${operation.path}\`**`, "");
  out.push(prose(operation.doc), "");

  out.push("## SDK method", "");
  out.push(`From \`${method.module}\`, on the client \`${method.factory}()\` returns:`, "");
  out.push("```ts", method.signature, "```", "");
  if (operation.pagination) {
    out.push(
      `Cursor-paginated: await the call for one page; iterate it with \`for await\` for every item of \`${operation.pagination.itemsField.join(".")}\` across pages, or call \`.pages()\` for page after page. See [Pagination](${guideLinks.pagination}).`,
      "",
    );
  }
  if (operation.stream) {
    out.push(`A Server-Sent Events stream, returned as an \`AsyncIterable\`. See [Streaming messages](${guideLinks.streaming}).`, "");
  }
  if (operation.idempotency) {
    out.push(
      `A write that takes an idempotency key in the \`${operation.idempotency.header}\` header. The SDK sends a new key per call and reuses it on that call's retries; pass \`idempotencyKey\` to choose it. See [Retries and idempotency](${guideLinks.retries}).`,
      "",
    );
  }

  out.push("## Authentication", "");
  out.push(`Takes ${credentialText(operation)}. See [Authentication](${guideLinks.authentication}).`, "");

  out.push("## Parameters", "");
  out.push(operation.parameters.length ? parametersTable(operation.parameters) : "None.", "");

  if (operation.requestBody) {
    const body = operation.requestBody;
    out.push("## Request body", "");
    out.push(`\`${body.contentType}\`, ${body.required ? "required" : "optional"}: ${typeText(body.type)}.`, "");
    if (body.positional.length) {
      out.push(`The SDK takes ${body.positional.map((field) => `\`${field}\``).join(", ")} as a positional argument instead of a body object.`, "");
    }
    if (body.type.kind === "ref") {
      const type = namedType(body.type.id);
      if (type.kind === "object") out.push(propertiesTable(type.type.properties), "");
    }
  }

  out.push("## Responses", "");
  const codes = errorCodes();
  const success = operation.responses.filter((response) => /^2/.test(response.status));
  for (const response of success) {
    out.push(`### ${response.status}`, "");
    out.push(cell(response.doc), "");
    if (response.body) out.push(`Body (\`${response.body.contentType}\`): ${typeText(response.body.type)}.`, "");
    if (response.headers.length) {
      out.push("| Header | Type | Always sent | Description |", "| --- | --- | --- | --- |");
      for (const header of response.headers) {
        out.push(`| \`${header.wireName}\` | ${typeText(header.type)} | ${yesNo(header.required)} | ${cell(header.doc)} |`);
      }
      out.push("");
    }
  }
  if (operation.stream) {
    out.push("### Events", "");
    out.push("| Event | Data | Encoding | Ends the stream |", "| --- | --- | --- | --- |");
    for (const event of operation.stream.events) {
      out.push(`| \`${event.event}\` | ${typeText(event.type)} | ${event.encoding} | ${yesNo(event.terminal)} |`);
    }
    out.push("");
  }
  const failures = operation.responses.filter((response) => !/^2/.test(response.status));
  if (failures.length) {
    out.push("### Errors", "");
    out.push(`Every error has an [\`ApiError\`](/reference/schemas/ApiError) body. The codes are explained under [Errors](${guideLinks.errors}).`, "");
    out.push("| Status | Codes | Retryable | Meaning |", "| --- | --- | --- | --- |");
    for (const response of failures) {
      const matching = codes.filter((code) => String(code.status) === response.status);
      const retryable = [...new Set(matching.map((code) => code.retryable))];
      out.push(
        `| ${response.status} | ${matching.map((code) => `\`${code.code}\``).join(", ") || "—"} | ${retryable.map((value) => yesNo(value)).join(" / ") || "—"} | ${cell(response.doc)} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

/** Every operation that mentions a type in its parameters, body, responses or events. */
function usedBy(typeId: string): Operation[] {
  const mentions = (type: TypeRef | undefined): boolean => type !== undefined && reaches(type, typeId, new Set());
  return model.operations.filter(
    (operation) =>
      operation.parameters.some((parameter) => mentions(parameter.type)) ||
      mentions(operation.requestBody?.type) ||
      operation.responses.some((response) => mentions(response.body?.type)) ||
      (operation.stream?.events ?? []).some((event) => mentions(event.type)),
  );
}

/** Whether a type reaches `typeId`, itself or through the named types it uses; `seen` stops at cycles. */
function reaches(ref: TypeRef, typeId: string, seen: Set<string>): boolean {
  switch (ref.kind) {
    case "ref": {
      if (ref.id === typeId) return true;
      if (seen.has(ref.id)) return false;
      seen.add(ref.id);
      const named = namedType(ref.id);
      if (named.kind === "object") return named.type.properties.some((property) => reaches(property.type, typeId, seen));
      return named.kind === "alias" && reaches(named.type, typeId, seen);
    }
    case "array":
      return reaches(ref.items, typeId, seen);
    case "map":
      return reaches(ref.values, typeId, seen);
    case "union":
      return ref.variants.some((variant) => reaches(variant, typeId, seen));
    case "object":
      return ref.properties.some((property) => reaches(property.type, typeId, seen));
    default:
      return false;
  }
}

/** The reference page of one named type, as markdown. */
export function schemaPage(type: NamedType): string {
  const out: string[] = [`# ${type.id}`, "", prose(type.doc), ""];
  if (type.kind === "object") {
    out.push("## Fields", "");
    out.push("A field that is not required may be absent; a nullable one is always present and may be `null`.", "");
    out.push(propertiesTable(type.type.properties), "");
  } else if (type.kind === "enum") {
    out.push("## Values", "");
    out.push("| Value | Meaning |", "| --- | --- |");
    for (const member of type.members) out.push(`| \`${String(member.value)}\` | ${cell(member.doc)} |`);
    out.push("");
    if (model.errors?.typeId === type.id) out.push(`Statuses and whether each is retryable: see [Errors](${guideLinks.errors}).`, "");
  } else {
    out.push(`An alias of ${typeText(type.type)}.`, "");
  }
  const declaration = sdkDeclaration(type.id);
  if (declaration) out.push("## In the TypeScript SDK", "", "Exported as a type from `@expys/sdk`:", "", "```ts", declaration, "```", "");
  const operations = usedBy(type.id);
  if (operations.length) {
    out.push("## Used by", "");
    for (const operation of operations)
      out.push(`- [\`${sdkMethod(operation).name}\`](${operationLink(operation)}): \`${operation.method.toUpperCase()} ${operation.path}\``);
    out.push("");
  }
  return out.join("\n");
}

/** The error taxonomy as a markdown table. */
export function errorsTable(): string {
  const rows = errorCodes().map((row) => `| \`${row.code}\` | ${row.status} | ${yesNo(row.retryable)} | ${cell(row.description)} |`);
  return ["| Code | HTTP status | Retryable | Meaning |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** A table of operations (optionally those with one tag): SDK method, route, what it does. */
export function operationsTable(tag?: string): string {
  const rows = model.operations
    .filter((operation) => tag === undefined || operation.tags.includes(tag))
    .map((operation) => {
      const method = sdkMethod(operation);
      return `| [\`${method.name}\`](${operationLink(operation)}) | \`${operation.method.toUpperCase()} ${operation.path}\` | ${summary(operation.doc)} |`;
    });
  return ["| SDK method | HTTP | What it does |", "| --- | --- | --- |", ...rows].join("\n");
}

/** A table of the named types, linking their pages. */
export function schemasTable(): string {
  const rows = model.types.map((type) => `| [\`${type.id}\`](${schemaLink(type)}) | ${type.kind} | ${summary(type.doc)} |`);
  return ["| Schema | Kind | What it is |", "| --- | --- | --- |", ...rows].join("\n");
}

/** The SDK's `environment` names and their URLs, as the emitted `metadata.ts` declares them. */
export function environmentsTable(): string {
  const source = emittedFile("metadata.ts");
  const block = /export const environments = \{\n([\s\S]*?)\n\} as const;/.exec(source)?.[1];
  if (!block) throw new Error("the emitted metadata.ts declares no environments");
  const rows = [...block.matchAll(/^\s+"([^"]+)": "([^"]+)",?$/gm)].map((match) => `| \`${match[1]}\` | \`${match[2]}\` |`);
  return ["| `environment` | Base URL |", "| --- | --- |", ...rows].join("\n");
}

/**
 * Markdown blocks a page can ask for with a line `<!-- @generated NAME -->`
 * (optionally `NAME:ARG`); the build replaces the line with the block.
 */
export const generatedBlocks: Readonly<Record<string, (argument: string | undefined) => string>> = {
  "errors-table": () => errorsTable(),
  operations: (tag) => operationsTable(tag),
  schemas: () => schemasTable(),
  environments: () => environmentsTable(),
};
