export type * from "./model/api-model.ts";
export { buildModel } from "./model/build-model.ts";
export { splitWords } from "./model/names.ts";
export { UnsupportedConstructError } from "./model/unsupported-construct-error.ts";
export { loadDocument, parseDocument, type LoadedDocument } from "./openapi/load-document.ts";
export type { Emitter, EmitterOptions, GeneratedFile } from "./emitters/emitter.ts";
export { emitters } from "./emitters/index.ts";
export { generate, type GenerateOptions, type GenerateResult, type StaleFile } from "./generate.ts";
