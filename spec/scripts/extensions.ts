// Writes the x-expys-* vendor extensions into emitted OpenAPI documents. They carry
// what the TypeSpec program knows but OpenAPI cannot say (paging roles, SSE event
// types, idempotent writes, SDK argument shapes, the error taxonomy), so that code
// generators can stay OpenAPI-driven. Every value is read from the compiled
// program; nothing here restates the API by hand.
import { getDoc, getPagingOperation, type Enum, type ModelProperty, type Namespace, type Program, type Type, type Union } from "@typespec/compiler";
import { getContentType, isEvents } from "@typespec/events";
import { getAllHttpServices, type HttpOperation } from "@typespec/http";
import { getStreamMetadata } from "@typespec/http/experimental";
import { isTerminalEvent } from "@typespec/sse";
import { getClientHeader, getErrorCode, getErrorHandling, getHeartbeat, getPositional, isIdempotencyKey, isRequestIdHeader } from "../lib/sdk.js";

/** The parts of an OpenAPI document this module reads and writes. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, Record<string, unknown>> };
  [key: string]: unknown;
}

/** Adds every x-expys-* extension to `document`, in place. */
export function addExtensions(program: Program, document: OpenApiDocument): void {
  const [services] = getAllHttpServices(program);
  for (const service of services) {
    for (const httpOperation of service.operations) {
      const target = document.paths[httpOperation.path]?.[httpOperation.verb];
      if (!target) {
        throw new Error(`emitted document has no ${httpOperation.verb.toUpperCase()} ${httpOperation.path}`);
      }
      Object.assign(target, operationExtensions(program, httpOperation, document));
    }
    addEnumDocs(program, service.namespace, document);
    const api = apiFacts(program, service.namespace, service.operations);
    if (Object.keys(api).length > 0) document["x-expys-api"] = api;
  }
}

/**
 * `x-expys-api`: facts about the whole API that SDK runtimes act on, which no
 * single operation carries: the header with the server's request id (marked
 * with `@requestIdHeader` wherever responses declare it) and the header SDKs
 * identify themselves in (`@clientHeader` on the service namespace).
 */
function apiFacts(program: Program, namespace: Namespace, operations: readonly HttpOperation[]): Record<string, string> {
  const facts: Record<string, string> = {};
  const requestIdHeaders = new Set<string>();
  for (const operation of operations) {
    for (const response of operation.responses) {
      for (const content of response.responses) {
        for (const [name, property] of Object.entries(content.headers ?? {})) {
          if (isRequestIdHeader(program, property)) requestIdHeaders.add(name);
        }
      }
    }
  }
  if (requestIdHeaders.size > 1) throw new Error(`@requestIdHeader marks several headers: ${[...requestIdHeaders].join(", ")}`);
  const [requestIdHeader] = requestIdHeaders;
  if (requestIdHeader) facts.requestIdHeader = requestIdHeader;
  const clientHeader = getClientHeader(program, namespace);
  if (clientHeader) facts.clientHeader = clientHeader;
  return facts;
}

function operationExtensions(program: Program, httpOperation: HttpOperation, document: OpenApiDocument): Record<string, unknown> {
  const extensions: Record<string, unknown> = {
    "x-expys-sdk": sdkHints(program, httpOperation),
  };
  const pagination = paginationOf(program, httpOperation);
  if (pagination) extensions["x-expys-pagination"] = pagination;
  const stream = streamOf(program, httpOperation, document);
  if (stream) extensions["x-expys-stream"] = stream;
  const idempotencyHeader = httpOperation.parameters.parameters.find((parameter) => parameter.type === "header" && isIdempotencyKey(program, parameter.param));
  if (idempotencyHeader) extensions["x-expys-idempotency"] = { header: idempotencyHeader.name };
  return extensions;
}

function sdkHints(program: Program, httpOperation: HttpOperation): Record<string, unknown> {
  const operation = httpOperation.operation;
  const positional = getPositional(program, operation);
  if (positional) {
    const body = httpOperation.parameters.body?.type;
    for (const field of positional) {
      const property = body?.kind === "Model" ? body.properties.get(field) : undefined;
      if (!property || property.optional) {
        throw new Error(`@positional("${field}") on ${operation.name}: the request body has no required property "${field}"`);
      }
    }
    return { method: operation.name, positional };
  }
  return { method: operation.name };
}

function paginationOf(program: Program, httpOperation: HttpOperation): Record<string, unknown> | undefined {
  const [paging] = getPagingOperation(program, httpOperation.operation);
  if (!paging) return undefined;
  const cursor = paging.input.continuationToken?.property;
  const nextCursor = paging.output.continuationToken;
  if (!cursor || !nextCursor) {
    throw new Error(`${httpOperation.operation.name}: only cursor paging (@continuationToken in and out) is supported`);
  }
  const pageSize = paging.input.pageSize?.property;
  return {
    style: "cursor",
    cursorParam: wireName(httpOperation, cursor),
    ...(pageSize ? { pageSizeParam: wireName(httpOperation, pageSize) } : {}),
    itemsField: bodyPath(paging.output.pageItems.path),
    nextCursorField: bodyPath(nextCursor.path),
  };
}

/** The name a property has on the wire: its query or header name. */
function wireName(httpOperation: HttpOperation, property: ModelProperty): string {
  const parameter = httpOperation.parameters.parameters.find((candidate) => candidate.param === property);
  if (!parameter) {
    throw new Error(`${httpOperation.operation.name}: paging property "${property.name}" is not an HTTP parameter`);
  }
  return parameter.name;
}

/** A dotted path inside the response body, skipping the envelope's `@body` property. */
function bodyPath(path: readonly ModelProperty[]): string {
  const inBody = path.filter((property) => !isBodyEnvelope(property));
  return inBody.map((property) => property.name).join(".");
}

function isBodyEnvelope(property: ModelProperty): boolean {
  return property.decorators.some((decorator) => decorator.definition?.name === "@body");
}

function streamOf(program: Program, httpOperation: HttpOperation, document: OpenApiDocument): Record<string, unknown> | undefined {
  for (const response of httpOperation.responses) {
    for (const content of response.responses) {
      const stream = getStreamMetadata(program, content);
      if (!stream) continue;
      const events = stream.streamType;
      if (events.kind !== "Union" || !isEvents(program, events)) {
        throw new Error(`${httpOperation.operation.name}: a stream's item type must be an @events union`);
      }
      const heartbeatSeconds = getHeartbeat(program, httpOperation.operation);
      return {
        protocol: stream.contentTypes.includes("text/event-stream") ? "sse" : stream.contentTypes[0],
        status: response.statusCodes,
        events: eventsOf(program, events, document),
        ...(heartbeatSeconds ? { heartbeatSeconds } : {}),
      };
    }
  }
  return undefined;
}

function eventsOf(program: Program, events: Union, document: OpenApiDocument): Record<string, unknown>[] {
  return [...events.variants.values()].map((variant) => ({
    // The SSE spec dispatches an event without an `event:` field as "message".
    event: typeof variant.name === "string" ? variant.name : "message",
    contentType: getContentType(program, variant) ?? "text/plain",
    schema: schemaRef(variant.type, document),
    terminal: isTerminalEvent(program, variant),
    ...(getDoc(program, variant) ? { description: getDoc(program, variant) } : {}),
  }));
}

function schemaRef(type: Type, document: OpenApiDocument): Record<string, unknown> {
  if (type.kind === "Scalar" && type.name === "string") return { type: "string" };
  if (type.kind === "Model" && type.name && document.components?.schemas?.[type.name]) {
    return { $ref: `#/components/schemas/${type.name}` };
  }
  throw new Error(`event payload ${describe(type)} is not a string or a named schema of the document`);
}

function describe(type: Type): string {
  return "name" in type && typeof type.name === "string" ? type.name : type.kind;
}

/**
 * Enum members' doc comments, which OpenAPI has no field for, as the common
 * `x-enum-descriptions` (aligned with `enum`); error-code enums also get
 * `x-expys-error-codes`: status, retryability and meaning of each code.
 */
function addEnumDocs(program: Program, namespace: Namespace, document: OpenApiDocument): void {
  for (const declared of namespace.enums.values()) {
    const schema = document.components?.schemas?.[declared.name];
    if (!schema) continue;
    const docs = [...declared.members.values()].map((member) => getDoc(program, member) ?? "");
    if (docs.some(Boolean)) schema["x-enum-descriptions"] = docs;
    const codes = errorCodesOf(program, declared);
    if (codes.length > 0) schema["x-expys-error-codes"] = codes;
  }
}

function errorCodesOf(program: Program, errorEnum: Enum): Record<string, unknown>[] {
  const members = [...errorEnum.members.values()];
  const described = members.filter((member) => getErrorCode(program, member));
  if (described.length === 0) return [];
  if (described.length < members.length) {
    const missing = members.find((member) => !getErrorCode(program, member));
    throw new Error(`${errorEnum.name}.${missing?.name} lacks @errorCode`);
  }
  return members.map((member) => {
    const { status, retryable } = getErrorCode(program, member)!;
    const handling = getErrorHandling(program, member);
    return {
      code: member.value ?? member.name,
      status,
      retryable,
      ...(handling ? { handling } : {}),
      description: getDoc(program, member) ?? "",
    };
  });
}
