import { typeIndex } from "../../plan/queries.ts";
import type { PlanType, SdkPlan } from "../../plan/sdk-plan.ts";
import type { Emitter, GeneratedFile, MethodReference, TypeReference } from "../emitter.ts";
import { clientFile, signatureOf } from "./client-file.ts";
import { constantCase, naming, reservedWords } from "./kotlin-names.ts";
import { metadataFile } from "./metadata-file.ts";
import type { KotlinContext } from "./print-type.ts";
import { namedType, typesFile } from "./types-file.ts";

/** The defaults of the emitter's options. */
const defaults = {
  /** The package of the generated code (the SDK's public package, beside the runtime's public types). */
  package: "com.expys.sdk",
  /** What the SDK sends in the API's client-identification header; `{version}` becomes `SDK_VERSION`. */
  clientId: "com.expys:expys-sdk/{version}",
  /** The Maven coordinates the docs cite. */
  artifact: "com.expys:expys-sdk",
};

const contextOf = (plan: SdkPlan): KotlinContext => ({ types: typeIndex(plan.types), imports: new Set() });

/**
 * The Kotlin emitter, for the SDK in `packages/sdk-kotlin`: `Types.kt` (data classes
 * with exact nullability, enums, the error-code enum with a fallback), `Metadata.kt`
 * (environments and the API's facts for the runtime) and one file per client, each a
 * class with one method per operation (a `Flow` for streams and page walks) and a
 * `withResponse` view that adds the request id, status and headers. Options:
 * `package`, `clientId`, `artifact` (see `defaults`).
 */
export const emitKotlin: Emitter = {
  id: "kotlin",
  reservedWords,
  naming,
  lineComment: "//",
  emit(plan, options) {
    const packageName = options.package ?? defaults.package;
    const files: GeneratedFile[] = [
      { path: "Types.kt", contents: typesFile(plan, packageName, contextOf(plan)) },
      { path: "Metadata.kt", contents: metadataFile(plan, packageName, options.clientId ?? defaults.clientId) },
    ];
    for (const client of plan.clients) {
      files.push({ path: `${naming.type(client.name)}.kt`, contents: clientFile(plan, client, packageName, contextOf(plan)) });
    }
    return files;
  },
  reference(plan, options) {
    const entry = options.artifact ?? defaults.artifact;
    const methods = new Map<string, MethodReference>();
    for (const client of plan.clients) {
      for (const method of client.methods) {
        methods.set(method.operationId, {
          entry,
          factory: naming.type(client.name),
          name: naming.value(method.name),
          signature: signatureOf(method, contextOf(plan)),
        });
      }
    }
    const types = new Map<string, TypeReference>(
      plan.types.map((type: PlanType) => [type.id, { name: naming.type(type.name), declaration: namedType(type, plan, contextOf(plan)).trimEnd() }]),
    );
    const environments = new Map(plan.environments.map((environment) => [environment.name.join(" "), `Environment.${constantCase(environment.name)}`]));
    return { methods, types, environments };
  },
};
