export type * from "./model/api-model.ts";
export { buildModel } from "./model/build-model.ts";
export { splitWords } from "./model/names.ts";
export { UnsupportedConstructError } from "./openapi/unsupported-construct-error.ts";
export { loadDocument, parseDocument, type LoadedDocument } from "./openapi/load-document.ts";
export { buildPlan } from "./plan/build-plan.ts";
export { directRefs, fieldType, methodTypeRefs, propertiesOf, reachableTypes, refsOfType, resolveType, successResponse, typeIndex } from "./plan/queries.ts";
export { planFormat } from "./plan/sdk-plan.ts";
export type {
  ApiFacts,
  PlanArgument,
  PlanArray,
  PlanClient,
  PlanCredential,
  PlanEnvironment,
  PlanErrorCode,
  PlanErrorResponse,
  PlanLiteral,
  PlanMap,
  PlanMethod,
  PlanPagination,
  PlanParam,
  PlanPrimitive,
  PlanProperty,
  PlanRef,
  PlanRequestBody,
  PlanStream,
  PlanStreamEvent,
  PlanSuccess,
  PlanType,
  PlanTypeOrigin,
  PlanTypeRef,
  PlanUnknown,
  SdkPlan,
} from "./plan/sdk-plan.ts";
export type { Emitter, EmitterOptions, EmitterReference, GeneratedFile, MethodReference, Naming, TypeReference } from "./emitters/emitter.ts";
export { emitters } from "./emitters/index.ts";
export { emitFiles, generate, type GenerateOptions, type GenerateResult, type StaleFile } from "./generate.ts";
