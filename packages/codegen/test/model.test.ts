import { describe, expect, it } from "vitest";
import type { NamedType, Operation } from "../src/index.ts";
import { modelOf, specDocument } from "./spec-document.ts";

const model = modelOf(specDocument());
const operation = (name: string): Operation => {
  const found = model.operations.find((candidate) => candidate.name.join("") === name);
  if (!found) throw new Error(`no operation ${name}`);
  return found;
};
const type = (id: string): NamedType => {
  const found = model.types.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no type ${id}`);
  return found;
};

describe("the model of the Expys spec", () => {
  it("matches its committed snapshot", async () => {
    await expect(`${JSON.stringify(model, null, 2)}\n`).toMatchFileSnapshot("__snapshots__/expys-model.json");
  });

  it("keeps nullability separate from optionality", () => {
    const conversation = type("Conversation");
    if (conversation.kind !== "object") throw new Error("Conversation is not an object");
    const title = conversation.type.properties.find((property) => property.wireName === "title");
    expect(title).toMatchObject({ required: true, type: { kind: "primitive", type: "string", nullable: true } });
    const apiError = type("ApiError");
    if (apiError.kind !== "object") throw new Error("ApiError is not an object");
    const param = apiError.type.properties.find((property) => property.wireName === "param");
    expect(param?.required).toBe(false);
    expect(param?.type.nullable).toBeUndefined();
  });

  it("names methods and positional arguments from the spec's hints", () => {
    expect(model.operations.map((entry) => entry.name.join(""))).toEqual([
      "exchangeToken",
      "listConversations",
      "listMessages",
      "sendMessage",
      "streamMessages",
    ]);
    expect(operation("sendMessage").requestBody).toMatchObject({ encoding: "json", required: true, positional: ["message"] });
  });

  it("records parameters by location with their wire names", () => {
    const parameters = operation("sendMessage").parameters.map(({ wireName, location, required }) => ({ wireName, location, required }));
    expect(parameters).toEqual([
      { wireName: "id", location: "path", required: true },
      { wireName: "Idempotency-Key", location: "header", required: false },
      { wireName: "externalUserID", location: "query", required: false },
    ]);
    expect(operation("sendMessage").idempotency).toEqual({ header: "Idempotency-Key" });
  });

  it("carries pagination, streaming and error codes", () => {
    expect(operation("listMessages").pagination).toEqual({
      style: "cursor",
      cursorParam: "cursor",
      pageSizeParam: "limit",
      itemsField: ["messages"],
      nextCursorField: ["nextCursor"],
    });
    expect(operation("streamMessages").stream).toMatchObject({
      protocol: "sse",
      resumeHeader: "Last-Event-ID",
      events: [{ event: "message", encoding: "json", type: { kind: "ref", id: "Message" }, terminal: false }],
    });
    expect(model.errors?.typeId).toBe("ErrorCode");
    expect(model.errors?.codes.find((code) => code.code === "rate_limited")).toMatchObject({ status: 429, retryable: true });
  });

  it("separates the two credentials and the two deployments", () => {
    expect(model.authSchemes.map((scheme) => [scheme.id, scheme.kind])).toEqual([
      ["BearerTokenAuth", "bearer"],
      ["OrgApiKeyAuth", "apiKey"],
    ]);
    expect(operation("exchangeToken").security).toEqual([["OrgApiKeyAuth"]]);
    expect(operation("listMessages").security).toEqual([["BearerTokenAuth"]]);
    expect(model.environments).toEqual([
      { name: ["Production"], url: "https://api.expys.com", doc: "Production" },
      { name: ["Sandbox"], url: "http://127.0.0.1:4010", doc: "Sandbox" },
    ]);
  });

  it("names the exact bytes it was built from", () => {
    const changed = specDocument();
    changed.info.version = "9.9.9";
    expect(modelOf(changed).sourceHash).not.toBe(model.sourceHash);
    expect(model.sourceHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("allOf", () => {
  const withSchemas = (schemas: Record<string, unknown>) =>
    modelOf({ openapi: "3.0.3", info: { title: "A", version: "1" }, paths: {}, components: { schemas } });
  const objectType = (model: ReturnType<typeof withSchemas>, id: string) => {
    const found = model.types.find((candidate) => candidate.id === id);
    if (found?.kind !== "object") throw new Error(`${id} is not an object`);
    return found.type;
  };

  it("merges properties, required names and additional properties, through nested allOf and references", () => {
    const model = withSchemas({
      Base: { allOf: [{ type: "object", required: ["id"], properties: { id: { type: "string" } }, additionalProperties: { type: "integer" } }] },
      Derived: { allOf: [{ $ref: "#/components/schemas/Base" }, { type: "object", properties: { name: { type: "string" } } }] },
    });
    const derived = objectType(model, "Derived");
    expect(derived.properties.map((property) => [property.wireName, property.required])).toEqual([
      ["id", true],
      ["name", false],
    ]);
    expect(derived.additionalProperties).toEqual({ kind: "primitive", type: "integer" });
    expect(objectType(model, "Base").additionalProperties).toEqual({ kind: "primitive", type: "integer" });
  });

  it("lets a later part's property override an earlier one's, as both merge paths did", () => {
    const model = withSchemas({
      Base: { type: "object", properties: { kind: { type: "string" } } },
      Narrow: { allOf: [{ $ref: "#/components/schemas/Base" }, { properties: { kind: { type: "string", enum: ["a"] } } }] },
    });
    expect(objectType(model, "Narrow").properties).toEqual([{ name: ["kind"], wireName: "kind", type: { kind: "literal", values: ["a"] }, required: false }]);
  });
});
