import { typeIndex } from "../../plan/queries.ts";
import type { SdkPlan } from "../../plan/sdk-plan.ts";
import type { Emitter, GeneratedFile, MethodReference, TypeReference } from "../emitter.ts";
import { clientFile, signature } from "./client-file.ts";
import { metadataFile } from "./metadata-file.ts";
import { enumValues, type PrintContext, printsInline, printType } from "./print-type.ts";
import { camelCase, naming, reservedWords } from "./ts-names.ts";
import { namedType, typesFile } from "./types-file.ts";

/** The module a client's file is imported as, relative to the package: the app client is the main entry. */
const clientFileOf = (role: "app" | "server", index: number): string => (index === 0 ? "client.ts" : `${role}.ts`);

/**
 * The TypeScript emitter: `types.ts`, `metadata.ts`, and one file per client
 * (`client.ts`, and `server.ts` for the secret-credential client). Options:
 * `runtimeImport`, the module the clients import their runtime from (default
 * `../runtime/index.ts`); `packageName`, the npm name the docs cite (default
 * `@expys/sdk`).
 */
export const emitTypeScript: Emitter = {
  id: "typescript",
  reservedWords,
  naming,
  lineComment: "//",
  emit(plan, options) {
    const runtimeImport = options.runtimeImport ?? "../runtime/index.ts";
    const context: PrintContext = { types: typeIndex(plan.types), indent: "" };
    const files: GeneratedFile[] = [
      { path: "types.ts", contents: typesFile(plan, context) },
      { path: "metadata.ts", contents: metadataFile(plan) },
    ];
    plan.clients.forEach((client, index) => {
      files.push({ path: clientFileOf(client.role, index), contents: clientFile(plan, client, { ...context, indent: "  " }, runtimeImport) });
    });
    return files;
  },
  reference(plan: SdkPlan, options) {
    const packageName = options.packageName ?? "@expys/sdk";
    const context: PrintContext = { types: typeIndex(plan.types), indent: "  " };
    const methods = new Map<string, MethodReference>();
    const types = new Map<string, TypeReference>(
      plan.types.map((type) => [
        type.id,
        printsInline(type) ? { name: enumValues(type) } : { name: naming.type(type.name), declaration: namedType(type, { ...context, indent: "" }).trimEnd() },
      ]),
    );
    const environments = new Map(plan.environments.map((environment) => [environment.name.join(" "), camelCase(environment.name)]));
    plan.clients.forEach((client, index) => {
      const entry = index === 0 ? packageName : `${packageName}/${client.role}`;
      for (const method of client.methods) {
        methods.set(method.operationId, {
          entry,
          factory: naming.value(client.factory),
          name: naming.value(method.name),
          signature: signature(method, (type) => printType(type, context)).bare,
        });
      }
    });
    return { methods, types, environments };
  },
};
