// Names for the generated OpenAPI types, so the rest of the package reads
// `Message` instead of `components["schemas"]["Message"]`. Nothing here is
// written by hand except the names: every shape comes from the spec.
import type { components, operations } from "./generated/openapi.ts";

type Schemas = components["schemas"];

/** A thread between a member and the concierge, as the API returns it. */
export type Conversation = Schemas["Conversation"];

/** One message in a conversation, as the API returns it. */
export type Message = Schemas["Message"];

/** A stable, machine-readable error code of the API's taxonomy. */
export type ErrorCode = Schemas["ErrorCode"];

/** The body of every error response. */
export type ApiErrorBody = Schemas["ApiError"];

/** The `operationId` of each route of the API, such as `"sendMessage"`. */
export type OperationId = keyof operations;

type ParametersOf<Id extends OperationId> = operations[Id]["parameters"];

type JsonBodyOf<T> = T extends { content: { "application/json": infer Body } } ? Body : undefined;

/** The validated inputs of one operation, typed from the spec. */
export interface OperationInput<Id extends OperationId> {
  path: NonNullable<ParametersOf<Id>["path"]>;
  query: NonNullable<ParametersOf<Id>["query"]>;
  header: NonNullable<ParametersOf<Id>["header"]>;
  body: JsonBodyOf<operations[Id]["requestBody"]>;
}

/** The body of an operation's successful (200) JSON response; `never` for the stream. */
export type SuccessBodyOf<Id extends OperationId> = JsonBodyOf<operations[Id]["responses"][200]>;
