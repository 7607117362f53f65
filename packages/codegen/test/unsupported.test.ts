import { describe, expect, it } from "vitest";
import { buildModel, parseDocument, UnsupportedConstructError } from "../src/index.ts";
import { specDocument } from "./spec-document.ts";

/** A minimal valid document with one operation, to break in one place at a time. */
function documentWith(changes: (document: Record<string, any>) => void): string {
  const document: Record<string, any> = {
    openapi: "3.0.3",
    info: { title: "Fixture", version: "1" },
    paths: {
      "/things/{id}": {
        get: {
          operationId: "getThing",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } },
        },
      },
    },
    components: { schemas: { Thing: { type: "object", properties: { id: { type: "string" } } } } },
  };
  changes(document);
  return JSON.stringify(document);
}

function pointerOf(text: string): string {
  try {
    buildModel(parseDocument(text));
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedConstructError);
    return (error as UnsupportedConstructError).pointer;
  }
  throw new Error("expected an UnsupportedConstructError");
}

const getThing = "#/paths/~1things~1{id}/get";

describe("constructs the generator does not support are named by JSON pointer", () => {
  it.each<[string, (document: Record<string, any>) => void, string]>([
    [
      "Swagger 2.0",
      (document) => {
        document.swagger = "2.0";
        delete document.openapi;
      },
      "#/swagger",
    ],
    ["an unknown OpenAPI version", (document) => (document.openapi = "4.0.0"), "#/openapi"],
    [
      "an external reference",
      (document) => (document.components.schemas.Thing.properties.id = { $ref: "other.json#/Id" }),
      "#/components/schemas/Thing/properties/id",
    ],
    [
      "a dangling reference",
      (document) => (document.components.schemas.Thing.properties.id = { $ref: "#/components/schemas/Missing" }),
      "#/components/schemas/Thing/properties/id",
    ],
    [
      "a `not` schema",
      (document) => (document.components.schemas.Thing.properties.id = { not: { type: "string" } }),
      "#/components/schemas/Thing/properties/id/not",
    ],
    [
      "a tuple",
      (document) => (document.components.schemas.Thing.properties.id = { type: "array", prefixItems: [{ type: "string" }] }),
      "#/components/schemas/Thing/properties/id/prefixItems",
    ],
    [
      "allOf of a string and an integer",
      (document) => (document.components.schemas.Thing.properties.id = { allOf: [{ type: "string" }, { type: "integer" }] }),
      "#/components/schemas/Thing/properties/id/allOf/0",
    ],
    ["a matrix-style path parameter", (document) => (document.paths["/things/{id}"].get.parameters[0].style = "matrix"), `${getThing}/parameters/0/style`],
    [
      "a parameter serialised as JSON",
      (document) => (document.paths["/things/{id}"].get.parameters[0] = { name: "id", in: "path", required: true, content: { "application/json": {} } }),
      `${getThing}/parameters/0/content`,
    ],
    ["a path variable nobody declares", (document) => (document.paths["/things/{id}"].get.parameters = []), getThing],
    ["an unknown security scheme", (document) => (document.paths["/things/{id}"].get.security = [{ nope: [] }]), `${getThing}/security/0`],
    [
      "an operation's server without a url",
      (document) => (document.paths["/things/{id}"].get.servers = [{ description: "elsewhere" }]),
      `${getThing}/servers/0`,
    ],
    [
      "a server variable without a default",
      (document) => (document.servers = [{ url: "https://{region}.example.com", variables: { region: {} } }]),
      "#/servers/0/variables/region",
    ],
    [
      "pagination naming a parameter that does not exist",
      (document) =>
        (document.paths["/things/{id}"].get["x-expys-pagination"] = { style: "cursor", cursorParam: "page", itemsField: "items", nextCursorField: "next" }),
      `${getThing}/x-expys-pagination/cursorParam`,
    ],
    [
      "offset pagination",
      (document) => (document.paths["/things/{id}"].get["x-expys-pagination"] = { style: "offset" }),
      `${getThing}/x-expys-pagination/style`,
    ],
    [
      "a stream on an operation that does not stream",
      (document) =>
        (document.paths["/things/{id}"].get["x-expys-stream"] = { protocol: "sse", events: [{ event: "message", contentType: "application/json" }] }),
      `${getThing}/x-expys-stream`,
    ],
    [
      "an idempotency header the operation does not declare",
      (document) => (document.paths["/things/{id}"].get["x-expys-idempotency"] = { header: "Idempotency-Key" }),
      `${getThing}/x-expys-idempotency/header`,
    ],
    [
      "positional fields without a body",
      (document) => (document.paths["/things/{id}"].get["x-expys-sdk"] = { positional: ["message"] }),
      `${getThing}/x-expys-sdk/positional`,
    ],
  ])("%s", (_, change, pointer) => {
    expect(pointerOf(documentWith(change))).toBe(pointer);
  });

  it("rejects text that is not JSON or YAML, naming the document root", () => {
    expect(pointerOf("{ not json")).toBe("#");
  });

  it("rejects positional fields the request body does not require, in the spec's own document", () => {
    const document = specDocument();
    document.paths["/v1/conversations/{id}/messages"].post["x-expys-sdk"].positional = ["text"];
    expect(pointerOf(JSON.stringify(document))).toBe("#/paths/~1v1~1conversations~1{id}~1messages/post/x-expys-sdk/positional");
  });

  it("rejects paging fields the success response does not have", () => {
    const document = specDocument();
    document.paths["/v1/conversations/{id}/messages"].get["x-expys-pagination"].itemsField = "items";
    expect(pointerOf(JSON.stringify(document))).toBe("#/paths/~1v1~1conversations~1{id}~1messages/get/x-expys-pagination/itemsField");
  });

  it("says what is wrong, not only where", () => {
    expect(() => buildModel(parseDocument(documentWith((document) => (document.paths["/things/{id}"].get.parameters[0].style = "label"))))).toThrow(
      'style "label" is not supported for path parameters',
    );
  });
});
