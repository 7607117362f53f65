// Writes src/generated/ from the spec's OpenAPI 3.0 document:
// - api.ts: the operations, their credentials and the error-code table, read
//   through @expys/codegen's model (the same reading the SDKs get), plus the
//   document's JSON schemas that request validation compiles with ajv;
// - openapi.ts: the TypeScript types openapi-typescript derives, which type
//   the operation handlers.
// The published package needs neither @expys/codegen nor the private spec
// package at run time. `--check` writes nothing and exits 1 with a diff when
// the committed files differ from a fresh run.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type ApiModel, buildModel, type Operation, parseDocument } from "@expys/codegen";
import { createTwoFilesPatch } from "diff";
import openapiTS, { astToString } from "openapi-typescript";
import type { ApiDescription, CredentialSpec, JsonSchema, OperationSpec, ParameterSpec } from "../src/api-description.ts";

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const specDocument = join(packageDir, "../../spec/openapi/openapi.json");
const generatedDir = join(packageDir, "src/generated");

const header = `// Generated from spec/openapi/openapi.json by packages/sandbox/scripts/generate.ts
// (npm run generate). Do not edit by hand.

`;

/** The parts of the OpenAPI document read here besides the model: the JSON schemas requests are validated with. */
interface RawParameter {
  $ref?: string;
  name?: string;
  in?: string;
  schema?: JsonSchema;
}

interface RawDocument {
  paths: Record<string, Record<string, { parameters?: RawParameter[] } | undefined> | undefined>;
  components: { parameters?: Record<string, RawParameter>; schemas: Record<string, JsonSchema> };
}

/** The JSON schema of each parameter of an operation, by location and name, `$ref`s to parameters resolved. */
function parameterSchemas(document: RawDocument, operation: Operation): Map<string, JsonSchema> {
  const declared = document.paths[operation.path]?.[operation.method]?.parameters ?? [];
  const schemas = new Map<string, JsonSchema>();
  for (const entry of declared) {
    const parameter = entry.$ref ? document.components.parameters?.[entry.$ref.split("/").pop() ?? ""] : entry;
    if (parameter) schemas.set(`${parameter.in} ${parameter.name}`, parameter.schema ?? {});
  }
  return schemas;
}

/**
 * A schema without what only documents it (`description`, `x-*` extensions):
 * the validator does not read them, and the package ships without them. Keys
 * of `properties` are field names, not keywords, and are all kept.
 */
function validationSchema<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(validationSchema) as T;
  if (schema === null || typeof schema !== "object") return schema;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "description" || key.startsWith("x-")) continue;
    kept[key] = key === "properties" ? eachSchema(value as Record<string, unknown>) : validationSchema(value);
  }
  return kept as T;
}

/** `validationSchema` of each value of a map of schemas (`properties`, `components.schemas`). */
function eachSchema<T>(schemas: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, validationSchema(schema)]));
}

function credentialOf(model: ApiModel, operation: Operation): CredentialSpec {
  const [requirement = []] = operation.security;
  const scheme = model.authSchemes.find((candidate) => candidate.id === requirement[0]);
  if (scheme?.kind === "bearer") return { kind: "bearer" };
  if (scheme?.kind === "apiKey" && scheme.location === "header") return { kind: "apiKey", header: scheme.wireName };
  throw new Error(`operation ${operation.id} uses a credential the sandbox does not implement`);
}

function bodySchemaRef(operation: Operation): string | undefined {
  const body = operation.requestBody;
  if (!body) return undefined;
  if (body.encoding !== "json" || body.type.kind !== "ref") {
    throw new Error(`operation ${operation.id}: the sandbox reads JSON bodies of a component schema only`);
  }
  return `#/components/schemas/${body.type.id}`;
}

function operationSpec(model: ApiModel, document: RawDocument, operation: Operation): OperationSpec {
  const schemas = parameterSchemas(document, operation);
  const parameters: ParameterSpec[] = operation.parameters.map((parameter) => {
    if (parameter.location === "cookie") throw new Error(`operation ${operation.id}: cookie parameters are not supported`);
    const schema = schemas.get(`${parameter.location} ${parameter.wireName}`);
    if (!schema) throw new Error(`operation ${operation.id}: no schema for ${parameter.location} parameter ${parameter.wireName}`);
    return { name: parameter.wireName, in: parameter.location, required: parameter.required, schema: validationSchema(schema) };
  });
  return {
    id: operation.id as OperationSpec["id"],
    method: operation.method.toUpperCase(),
    path: operation.path,
    parameters,
    bodySchemaRef: bodySchemaRef(operation),
    bodyRequired: operation.requestBody?.required === true,
    credential: credentialOf(model, operation),
    idempotencyHeader: operation.idempotency?.header,
    streaming: operation.stream !== undefined,
  };
}

function describeApi(documentText: string): ApiDescription {
  const loaded = parseDocument(documentText);
  const model = buildModel(loaded);
  const document = loaded.document as unknown as RawDocument;
  if (!model.errors) throw new Error("the document has no x-expys-error-codes table");
  return {
    operations: model.operations.map((operation) => operationSpec(model, document, operation)),
    errorCodes: model.errors.codes.map(({ code, status, retryable }) => ({ code: code as ApiDescription["errorCodes"][number]["code"], status, retryable })),
    schemas: eachSchema(document.components.schemas),
  };
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const documentText = await readFile(specDocument, "utf8");
  const ast = await openapiTS(JSON.parse(documentText), { alphabetize: false });
  const api = `${header}import type { ApiDescription } from "../api-description.ts";

/** The API the sandbox implements, from the spec. */
export const api: ApiDescription = ${JSON.stringify(describeApi(documentText), null, 2)};
`;
  const outputs = [
    { file: "api.ts", text: api },
    { file: "openapi.ts", text: header + astToString(ast) },
  ];

  let stale = 0;
  for (const { file, text } of outputs) {
    const path = join(generatedDir, file);
    const committed = await readFile(path, "utf8").catch(() => "");
    if (committed === text) continue;
    const shown = relative(packageDir, path);
    if (check) {
      stale += 1;
      process.stderr.write(createTwoFilesPatch(`${shown} (committed)`, `${shown} (fresh)`, committed, text));
    } else {
      await mkdir(generatedDir, { recursive: true });
      await writeFile(path, text);
      process.stdout.write(`wrote ${shown}\n`);
    }
  }
  if (stale > 0) {
    process.stderr.write(`\n${stale} generated file(s) in packages/sandbox/src/generated are stale: run \`npm run generate\` and commit the result.\n`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`generate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
