// Everything the site says about the API's shape comes from here: the spec,
// read through the codegen's SDK plan (the same plan every SDK is printed
// from), and each emitter's reference of how its SDK spells the plan. A spec
// change, or a new emitter, changes the pages on the next build; nothing here
// parses a generated file.
import { createRequire } from "node:module";
import {
  buildModel,
  buildPlan,
  type EmitterReference,
  emitters,
  loadDocument,
  type MethodReference,
  type PlanClient,
  type PlanMethod,
  type PlanType,
  type SdkPlan,
  typeIndex,
} from "@expys/codegen";

/** The OpenAPI 3.0 document the spec emits (`spec/openapi/openapi.json`). */
export const specPath = createRequire(import.meta.url).resolve("@expys/spec/openapi.json");

export const plan: SdkPlan = buildPlan(buildModel(await loadDocument(specPath)));
export const types = typeIndex(plan.types);

/** A language the docs show: its tab label, its code fence and its snippet files' extension. */
export interface Language {
  id: string;
  label: string;
  fence: string;
  extension: string;
}

const known: Record<string, Omit<Language, "id">> = {
  typescript: { label: "TypeScript", fence: "ts", extension: "ts" },
  kotlin: { label: "Kotlin", fence: "kotlin", extension: "kt" },
  swift: { label: "Swift", fence: "swift", extension: "swift" },
};
const order = Object.keys(known);

/** Every language with an emitter, TypeScript, Kotlin and Swift first, each with its reference of the plan. */
export const languages: readonly (Language & { reference: EmitterReference })[] = Object.entries(emitters)
  .sort(([a], [b]) => (order.indexOf(a) + 1 || order.length + 1) - (order.indexOf(b) + 1 || order.length + 1))
  .map(([id, emitter]) => ({ id, ...(known[id] ?? { label: id, fence: id, extension: id }), reference: emitter.reference(plan, {}) }));

/** Plain HTTP, shown beside the SDKs where a request helps. */
export const curl: Language = { id: "curl", label: "curl", fence: "sh", extension: "sh" };

const typescript = languages.find((language) => language.id === "typescript");
if (!typescript) throw new Error("the docs need the TypeScript emitter");

/** Every method of every client, with the client it belongs to. */
export const methods: readonly { method: PlanMethod; client: PlanClient }[] = plan.clients.flatMap((client) =>
  client.methods.map((method) => ({ method, client })),
);

/** How one language's SDK spells a method: entry point, factory, name, signature. */
export function methodIn(language: { reference: EmitterReference; label: string }, method: PlanMethod): MethodReference {
  const reference = language.reference.methods.get(method.operationId);
  if (!reference) throw new Error(`the ${language.label} emitter has no method for ${method.operationId}`);
  return reference;
}

/** An operation's TypeScript entry point: the names the guides use. */
export const sdkMethod = (method: PlanMethod): MethodReference => methodIn(typescript, method);

/** How the TypeScript SDK spells a type, environment or value. */
export const typescriptReference = typescript.reference;
export const typescriptNaming = emitters.typescript!.naming;

export function namedType(id: string): PlanType {
  const type = types.get(id);
  if (!type) throw new Error(`the plan has no type ${id}`);
  return type;
}

export const operationLink = (method: PlanMethod): string => `/reference/operations/${method.operationId}`;
export const schemaLink = (type: PlanType): string => `/reference/schemas/${type.id}`;
