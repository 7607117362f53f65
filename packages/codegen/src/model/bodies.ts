import { pointerTo } from "../openapi/json-pointer.ts";
import type { BodyEncoding, RequestBody, Response, ResponseHeader, TypeRef } from "./api-model.ts";
import { splitWords } from "./names.ts";
import { resolveObject } from "./resolve-object.ts";
import type { Schema, SchemaConverter } from "./schema-converter.ts";
import { UnsupportedConstructError } from "../openapi/unsupported-construct-error.ts";

/** The media type an SDK should use, and how its bytes are encoded. */
interface ChosenMedia {
  contentType: string;
  encoding: BodyEncoding;
  schema: unknown;
  pointer: string;
}

function encodingOf(contentType: string): BodyEncoding {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (type === "multipart/form-data") return "multipart";
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type.startsWith("text/")) return "text";
  return "binary";
}

const preference: readonly BodyEncoding[] = ["json", "multipart", "form", "text", "binary"];

/** Picks one media type of a `content` map: JSON first, then forms, text, bytes. */
function chooseMedia(content: unknown, pointer: string): ChosenMedia | undefined {
  if (content === undefined) return undefined;
  if (!content || typeof content !== "object") throw new UnsupportedConstructError(pointer, "content must be an object");
  const candidates = Object.entries(content as Schema).map(([contentType, media]) => ({
    contentType,
    encoding: encodingOf(contentType),
    schema: (media as Schema | undefined)?.schema,
    pointer: pointerTo(pointer, contentType, "schema"),
  }));
  candidates.sort((left, right) => preference.indexOf(left.encoding) - preference.indexOf(right.encoding));
  return candidates[0];
}

function typeOfMedia(converter: SchemaConverter, media: ChosenMedia): TypeRef {
  if (media.encoding === "binary") return { kind: "primitive", type: "string", format: "binary" };
  if (media.encoding === "text") return { kind: "primitive", type: "string" };
  return converter.convert(media.schema, media.pointer);
}

/** The operation's request body, if it has one. */
export function buildRequestBody(converter: SchemaConverter, operation: Schema, pointer: string, positional: readonly string[]): RequestBody | undefined {
  if (operation.requestBody === undefined) {
    if (positional.length > 0) throw new UnsupportedConstructError(pointerTo(pointer, "x-expys-sdk", "positional"), "the operation has no request body");
    return undefined;
  }
  const { value: body, pointer: bodyPointer } = resolveObject(converter, operation.requestBody, pointerTo(pointer, "requestBody"));
  const media = chooseMedia(body.content, pointerTo(bodyPointer, "content"));
  if (!media) throw new UnsupportedConstructError(bodyPointer, "a request body needs content");
  const type = typeOfMedia(converter, media);
  checkPositional(converter, media, positional, pointerTo(pointer, "x-expys-sdk", "positional"));
  return {
    contentType: media.contentType,
    encoding: media.encoding,
    type,
    required: body.required === true,
    ...(typeof body.description === "string" ? { doc: body.description } : {}),
    positional,
  };
}

/** Positional fields must be required properties of an object body. */
function checkPositional(converter: SchemaConverter, media: ChosenMedia, positional: readonly string[], pointer: string): void {
  if (positional.length === 0) return;
  let schema = media.schema as Schema | undefined;
  if (schema && typeof schema.$ref === "string") schema = resolveObject(converter, schema, media.pointer).value;
  const required = new Set(Array.isArray(schema?.required) ? schema.required : []);
  const properties = (schema?.properties ?? {}) as Schema;
  for (const field of positional) {
    if (!(field in properties) || !required.has(field)) {
      throw new UnsupportedConstructError(pointer, `"${field}" is not a required property of the request body`);
    }
  }
}

/** Every declared response, in document order. */
export function buildResponses(converter: SchemaConverter, operation: Schema, pointer: string): Response[] {
  // OpenAPI 3.1 lets an operation declare no responses; it then returns nothing the SDK knows of.
  const responses = operation.responses ?? {};
  if (typeof responses !== "object") throw new UnsupportedConstructError(pointerTo(pointer, "responses"), "must be an object");
  return Object.entries(responses as Schema).map(([status, entry]) => {
    const { value: response, pointer: at } = resolveObject(converter, entry, pointerTo(pointer, "responses", status));
    const media = chooseMedia(response.content, pointerTo(at, "content"));
    const isEventStream = media?.contentType.split(";")[0]?.trim() === "text/event-stream";
    return {
      status,
      ...(typeof response.description === "string" ? { doc: response.description } : {}),
      ...(media
        ? {
            body: {
              contentType: media.contentType,
              encoding: isEventStream ? "text" : media.encoding,
              type: isEventStream ? { kind: "primitive", type: "string" } : typeOfMedia(converter, media),
            } as const,
          }
        : {}),
      headers: buildHeaders(converter, response.headers, pointerTo(at, "headers")),
    };
  });
}

function buildHeaders(converter: SchemaConverter, headers: unknown, pointer: string): ResponseHeader[] {
  if (headers === undefined) return [];
  return Object.entries(headers as Schema)
    .filter(([wireName]) => wireName.toLowerCase() !== "content-type")
    .map(([wireName, entry]) => {
      const { value: header, pointer: at } = resolveObject(converter, entry, pointerTo(pointer, wireName));
      return {
        wireName,
        name: splitWords(wireName),
        type: converter.convert(header.schema, pointerTo(at, "schema")),
        required: header.required === true,
        ...(typeof header.description === "string" ? { doc: header.description } : {}),
      };
    });
}
