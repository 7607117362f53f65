// Everything the site says about the API's shape comes from here, and this
// reads it from the spec through the codegen's SDK plan, the same plan every
// SDK is printed from, and through each emitter's reference of how its SDK
// spells the plan (signatures, type declarations). A spec change therefore
// changes the reference pages, the errors table and the operation tables on
// the next build, with no page to edit by hand and no generated file to parse.
import { createRequire } from "node:module";
import {
  buildModel,
  buildPlan,
  emitters,
  loadDocument,
  methodTypeRefs,
  type PlanMethod,
  type PlanProperty,
  type PlanType,
  type PlanTypeRef,
  reachableTypes,
  type SdkPlan,
  typeIndex,
} from "@expys/codegen";

/** The OpenAPI 3.0 document the spec emits (`spec/openapi/openapi.json`). */
export const specPath = createRequire(import.meta.url).resolve("@expys/spec/openapi.json");

export const plan: SdkPlan = buildPlan(buildModel(await loadDocument(specPath)));
const types = typeIndex(plan.types);

/** How the TypeScript SDK spells the plan: quoted, so the pages show exactly what users compile against. */
const typescript = emitters.typescript!.reference(plan, {});

/** Every method of every client, with the client it belongs to. */
export const methods = plan.clients.flatMap((client) => client.methods.map((method) => ({ method, client })));

/** The component schemas, the types a reader looks up by name. */
export const schemas = plan.types.filter((type) => type.origin.kind === "schema");

/** An operation's SDK entry point: which import, which factory, the method's signature. */
export function sdkMethod(method: PlanMethod) {
  const reference = typescript.methods.get(method.operationId);
  if (!reference) throw new Error(`no TypeScript method for ${method.operationId}`);
  return reference;
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

export const operationLink = (method: PlanMethod): string => `/reference/operations/${method.operationId}`;
export const schemaLink = (type: PlanType): string => `/reference/schemas/${type.id}`;

function namedType(id: string): PlanType {
  const type = types.get(id);
  if (!type) throw new Error(`the plan has no type ${id}`);
  return type;
}

/** A type for a table cell: schemas link to their pages, inline types say what they are; `null` is spelled out. */
export function typeText(type: PlanTypeRef): string {
  let text: string;
  switch (type.kind) {
    case "primitive":
      text = `\`${type.type}\`${type.format ? ` (${type.format})` : ""}`;
      break;
    case "ref": {
      const named = namedType(type.id);
      if (named.origin.kind === "schema") text = `[\`${named.id}\`](${schemaLink(named)})`;
      else if (named.kind === "enum") text = named.members.map((member) => `\`${JSON.stringify(member.value)}\``).join(" or ");
      else text = `\`${named.kind}\``;
      break;
    }
    case "array":
      text = `${typeText(type.items)}\`[]\``;
      break;
    case "map":
      text = `map of ${typeText(type.values)}`;
      break;
    case "literal":
      text = type.values.map((value) => `\`${JSON.stringify(value)}\``).join(" or ");
      break;
    case "unknown":
      text = "any JSON";
      break;
  }
  return type.nullable ? `${text} or \`null\`` : text;
}

const yesNo = (value: boolean | undefined): string => (value ? "yes" : "no");

function propertiesTable(properties: readonly PlanProperty[]): string {
  const rows = properties.map(
    (property) =>
      `| \`${property.wireName}\` | ${typeText(property.type)} | ${yesNo(property.required)} | ${yesNo(property.type.nullable)} | ${cell(property.doc)} |`,
  );
  return ["| Field | Type | Required | Nullable | Description |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}

/** One row per value a call takes: path parameters, body fields and the params group's members. */
function parametersTable(method: PlanMethod): string {
  const naming = emitters.typescript!.naming;
  const rows = [
    ...method.arguments.map((argument) => {
      const where = argument.target.location === "bodyField" ? "body" : argument.target.location;
      const wire = argument.target.location === "body" ? "(body)" : argument.target.wireName;
      return `| \`${wire}\` | ${where} | \`${naming.value(argument.name)}\` (positional) | ${typeText(argument.type)} | ${yesNo(!argument.optional)} | ${yesNo(argument.type.nullable)} | ${cell(argument.doc)} |`;
    }),
    ...(method.params?.members ?? []).map((member) => {
      const where = member.location === "bodyField" ? "body" : member.location;
      return `| \`${member.wireName}\` | ${where} | \`params.${member.location !== "header" && /^[A-Za-z_$][\w$]*$/.test(member.wireName) ? member.wireName : naming.value(member.name)}\` | ${typeText(member.type)} | ${yesNo(member.required)} | ${yesNo(member.type.nullable)} | ${cell(member.doc)} |`;
    }),
  ];
  return ["| Name | In | In the SDK | Type | Required | Nullable | Description |", "| --- | --- | --- | --- | --- | --- | --- |", ...rows].join("\n");
}

/** The first sentence of a doc string, for overview tables. */
function summary(doc: string | undefined): string {
  const text = (doc ?? "").replace(/\s*\n\s*/g, " ");
  const end = text.search(/\.(\s|$)/);
  return cell(end === -1 ? text : text.slice(0, end + 1));
}

function credentialText(method: PlanMethod): string {
  const credentials = plan.clients.flatMap((client) => client.credentials);
  return method.security
    .flat()
    .map((id) => {
      const credential = credentials.find((candidate) => candidate.schemes.some((scheme) => scheme.id === id));
      if (!credential) return "none";
      if (credential.kind === "bearer") return "a bearer token (`Authorization: Bearer …`), member or machine";
      if (credential.kind === "apiKey")
        return `the organisation key in the \`${credential.schemes[0]?.wireName}\` ${credential.schemes[0]?.location}, from your backend only`;
      return id;
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
export function operationPage(method: PlanMethod): string {
  const sdk = sdkMethod(method);
  const out: string[] = [];
  out.push(`# ${sdk.name}`, "");
  out.push(`**\`${method.http.method} ${method.http.path}\`**`, "");
  out.push(prose(method.doc), "");

  out.push("## SDK method", "");
  out.push(`From \`${sdk.entry}\`, on the client \`${sdk.factory}()\` returns:`, "");
  out.push("```ts", sdk.signature, "```", "");
  if (method.pagination) {
    out.push(
      `Cursor-paginated: await the call for one page; iterate it with \`for await\` for every item of \`${method.pagination.itemsField.join(".")}\` across pages, or call \`.pages()\` for page after page. See [Pagination](${guideLinks.pagination}).`,
      "",
    );
  }
  if (method.stream) {
    out.push(`A Server-Sent Events stream, returned as an \`AsyncIterable\`. See [Streaming messages](${guideLinks.streaming}).`, "");
  }
  if (method.idempotency) {
    out.push(
      `A write that takes an idempotency key in the \`${method.idempotency.header}\` header. The SDK sends a new key per call and reuses it on that call's retries; pass \`idempotencyKey\` to choose it. See [Retries and idempotency](${guideLinks.retries}).`,
      "",
    );
  }

  out.push("## Authentication", "");
  out.push(`Takes ${credentialText(method)}. See [Authentication](${guideLinks.authentication}).`, "");

  out.push("## Parameters", "");
  out.push(method.arguments.length + (method.params?.members.length ?? 0) > 0 ? parametersTable(method) : "None.", "");

  if (method.body) {
    const body = method.body;
    out.push("## Request body", "");
    out.push(`\`${body.contentType}\`, ${body.required ? "required" : "optional"}: ${typeText(body.type)}.`, "");
    const positional = method.arguments.filter((argument) => argument.target.location === "bodyField");
    if (positional.length) {
      out.push(
        `The SDK takes ${positional.map((argument) => `\`${argument.target.location === "bodyField" ? argument.target.wireName : ""}\``).join(", ")} as a positional argument instead of a body object.`,
        "",
      );
    }
    const bodyType = body.type.kind === "ref" ? namedType(body.type.id) : undefined;
    if (bodyType?.kind === "object") out.push(propertiesTable(bodyType.properties), "");
  }

  out.push("## Responses", "");
  const success = method.success;
  out.push(`### ${success.status}`, "");
  out.push(cell(success.doc), "");
  if (success.type) out.push(`Body: ${typeText(success.type)}.`, "");
  if (success.headers.length) {
    out.push("| Header | Type | Always sent | Description |", "| --- | --- | --- | --- |");
    for (const header of success.headers)
      out.push(
        `| \`${header.wireName}\` | ${header.type.kind === "primitive" ? `\`${header.type.type}\`` : "value"} | ${yesNo(header.required)} | ${cell(header.doc)} |`,
      );
    out.push("");
  }
  if (method.stream) {
    out.push("### Events", "");
    out.push("| Event | Data | Encoding | Ends the stream |", "| --- | --- | --- | --- |");
    for (const event of method.stream.events) out.push(`| \`${event.event}\` | ${typeText(event.type)} | ${event.encoding} | ${yesNo(event.terminal)} |`);
    out.push("");
  }
  if (method.errors.length) {
    const table = new Map(plan.facts.errorCodes.map((code) => [code.code, code]));
    out.push("### Errors", "");
    out.push(`Every error has an [\`ApiError\`](/reference/schemas/ApiError) body. The codes are explained under [Errors](${guideLinks.errors}).`, "");
    out.push("| Status | Codes | Retryable | Meaning |", "| --- | --- | --- | --- |");
    for (const error of method.errors) {
      const retryable = [...new Set(error.codes.map((code) => table.get(code)?.retryable))];
      out.push(
        `| ${error.status} | ${error.codes.map((code) => `\`${code}\``).join(", ") || "—"} | ${retryable.map((value) => yesNo(value)).join(" / ") || "—"} | ${cell(error.doc)} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

/** Every method that mentions a type in its arguments, params, body, result, errors or events, through any chain of types. */
function usedBy(typeId: string): PlanMethod[] {
  return methods.map(({ method }) => method).filter((method) => reachableTypes(methodTypeRefs(plan, method.operationId), types).has(typeId));
}

/** The reference page of one named type, as markdown. */
export function schemaPage(type: PlanType): string {
  const out: string[] = [`# ${type.id}`, "", prose(type.doc), ""];
  if (type.kind === "object") {
    out.push("## Fields", "");
    out.push("A field that is not required may be absent; a nullable one is always present and may be `null`.", "");
    out.push(propertiesTable(type.properties), "");
  } else if (type.kind === "enum") {
    out.push("## Values", "");
    out.push("| Value | Meaning |", "| --- | --- |");
    for (const member of type.members) out.push(`| \`${String(member.value)}\` | ${cell(member.doc)} |`);
    out.push("");
    if (plan.facts.errorCodeType === type.id) out.push(`Statuses and whether each is retryable: see [Errors](${guideLinks.errors}).`, "");
  } else if (type.kind === "union") {
    out.push(`One of ${type.variants.map(typeText).join(", ")}.`, "");
  } else {
    out.push(`An alias of ${typeText(type.type)}.`, "");
  }
  const declaration = typescript.types.get(type.id)?.declaration;
  if (declaration) out.push("## In the TypeScript SDK", "", "Exported as a type from `@expys/sdk`:", "", "```ts", declaration, "```", "");
  const users = usedBy(type.id);
  if (users.length) {
    out.push("## Used by", "");
    for (const method of users) out.push(`- [\`${sdkMethod(method).name}\`](${operationLink(method)}): \`${method.http.method} ${method.http.path}\``);
    out.push("");
  }
  return out.join("\n");
}

/** The error taxonomy as a markdown table. */
export function errorsTable(): string {
  if (plan.facts.errorCodes.length === 0) throw new Error(`${specPath} declares no error codes`);
  const rows = plan.facts.errorCodes.map((row) => `| \`${row.code}\` | ${row.status} | ${yesNo(row.retryable)} | ${cell(row.doc)} |`);
  return ["| Code | HTTP status | Retryable | Meaning |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** A table of operations (optionally those with one tag): SDK method, route, what it does. */
export function operationsTable(tag?: string): string {
  const rows = methods
    .filter(({ method }) => tag === undefined || method.tags.includes(tag))
    .map(
      ({ method }) => `| [\`${sdkMethod(method).name}\`](${operationLink(method)}) | \`${method.http.method} ${method.http.path}\` | ${summary(method.doc)} |`,
    );
  return ["| SDK method | HTTP | What it does |", "| --- | --- | --- |", ...rows].join("\n");
}

/** A table of the component schemas, linking their pages. */
export function schemasTable(): string {
  const rows = schemas.map((type) => `| [\`${type.id}\`](${schemaLink(type)}) | ${type.kind} | ${summary(type.doc)} |`);
  return ["| Schema | Kind | What it is |", "| --- | --- | --- |", ...rows].join("\n");
}

/** The SDK's `environment` names and their URLs. */
export function environmentsTable(): string {
  const rows = plan.environments.map((environment) => `| \`${typescript.environments.get(environment.name.join(" "))}\` | \`${environment.url}\` |`);
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
