import { typeIndex } from "../../plan/queries.ts";
import type { Emitter, GeneratedFile, MethodReference, TypeReference } from "../emitter.ts";
import { clientFile, moduleOf, signature } from "./client-file.ts";
import { environmentCase, metadataFile } from "./metadata-file.ts";
import { returnType, streamCall, walkName } from "./method-body.ts";
import { declaration, modelsFile } from "./models-file.ts";
import { naming, reservedWords, typeName, valueName } from "./swift-names.ts";

/**
 * The Swift emitter: a SwiftPM module named after the SDK (`Expys/`) with
 * `Models.swift`, `Metadata.swift` and the app client, and a module of its
 * own for the secret-credential client (`ExpysServer/`), so an app never links
 * it. Paths are relative to the package's `Sources/`; the runtime is the
 * `ExpysRuntime` module, which the SDK's module re-exports.
 */
export const emitSwift: Emitter = {
  id: "swift",
  reservedWords,
  naming,
  lineComment: "//",
  emit(plan) {
    const types = typeIndex(plan.types);
    const module = typeName(plan.sdkName);
    const files: GeneratedFile[] = [
      { path: `${module}/Models.swift`, contents: `import ExpysRuntime\nimport Foundation\n\n${modelsFile(plan, types)}` },
      { path: `${module}/Metadata.swift`, contents: metadataFile(plan, types) },
    ];
    for (const client of plan.clients) {
      files.push({ path: `${moduleOf(plan, client)}/${typeName(client.name)}.swift`, contents: clientFile(plan, client, types) });
    }
    return files;
  },
  reference(plan) {
    const types = typeIndex(plan.types);
    const methods = new Map<string, MethodReference>();
    for (const client of plan.clients) {
      for (const method of client.methods) {
        const name = valueName(method.name);
        const result = method.kind === "stream" ? streamCall(method, name, [], types).result : returnType(method, types);
        const line = signature(method, name, result, types, method.kind !== "stream");
        const walk = method.kind === "paginate" ? `\n${signature(method, walkName(method), `Paginated<${result}, ...>`, types, false)}` : "";
        methods.set(method.operationId, { entry: moduleOf(plan, client), factory: typeName(client.name), name, signature: line + walk });
      }
    }
    const typeReferences = new Map<string, TypeReference>(
      plan.types.map((type) => [type.id, { name: typeName(type.name), declaration: declaration(type, types).trimEnd() }]),
    );
    const environments = new Map(plan.environments.map((environment) => [environment.name.join(" "), `.${environmentCase(environment.name)}`]));
    return { methods, types: typeReferences, environments };
  },
};
