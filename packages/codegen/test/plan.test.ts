import { describe, expect, it } from "vitest";
import { buildModel, buildPlan, loadDocument, typeIndex, type PlanMethod, type SdkPlan } from "../src/index.ts";
import { eventsPath, planOf, specDocumentPath } from "./spec-document.ts";

const methodOf = (plan: SdkPlan, name: string): PlanMethod => {
  const method = plan.clients.flatMap((client) => client.methods).find((candidate) => candidate.name.join("") === name);
  if (!method) throw new Error(`no method ${name}`);
  return method;
};

const info = { title: "Edge API", version: "1" };

/** Inline objects, enums and unions in every position, names that clash, and a component named like a params group. */
const inlineTypes = {
  openapi: "3.1.0",
  info,
  paths: {
    "/things/{thingId}": {
      put: {
        operationId: "updateThing",
        parameters: [
          { name: "thingId", in: "path", required: true, schema: { type: "string" } },
          { name: "state", in: "query", schema: { type: "string", enum: ["open", "closed"] } },
          { name: "filter", in: "query", style: "deepObject", schema: { type: "object", properties: { owner: { type: "string" } } } },
          { name: "X-Trace", in: "header", schema: { type: "string" } },
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", required: ["name"], properties: { name: { type: "string" }, size: { type: "integer", default: 3 } } },
            },
          },
        },
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    owner: { type: "object", properties: { login: { type: "string" } } },
                    shape: { oneOf: [{ $ref: "#/components/schemas/Circle" }, { type: "object", properties: { sides: { type: "integer" } } }] },
                    tags: { type: "array", items: { type: "object", properties: { label: { type: "string" } } } },
                  },
                },
              },
            },
          },
          "404": { description: "missing" },
        },
      },
    },
  },
  components: {
    schemas: {
      Circle: { type: "object", properties: { radius: { type: "number" } } },
      circle: { type: "string" },
      UpdateThingParams: { type: "object", properties: { taken: { type: "boolean" } } },
    },
  },
};

/** A secret-only API (one client, the server one), forms, text and bytes, no body, several stream events. */
const encodings = {
  openapi: "3.0.3",
  info,
  servers: [{ url: "https://edge.example.com" }],
  security: [{ key: [] }],
  paths: {
    "/upload": {
      post: {
        operationId: "upload",
        requestBody: { content: { "application/x-www-form-urlencoded": { schema: { type: "object", properties: { a: { type: "string" } } } } } },
        responses: { "204": { description: "stored" } },
      },
    },
    "/report": { get: { operationId: "report", responses: { "200": { description: "csv", content: { "text/csv": { schema: { type: "string" } } } } } } },
    "/blob": { get: { operationId: "blob", responses: { "200": { description: "bytes", content: { "application/octet-stream": {} } } } } },
    ...eventsPath,
  },
  components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } } },
};

describe("the SDK plan", () => {
  it("of the Expys spec matches its committed snapshot", async () => {
    const plan = buildPlan(buildModel(await loadDocument(specDocumentPath)));
    await expect(`${JSON.stringify(plan, null, 2)}\n`).toMatchFileSnapshot("__snapshots__/expys-plan.json");
  });

  it.each([
    ["inline-types", inlineTypes],
    ["encodings", encodings],
  ])("of the %s document matches its committed snapshot", async (name, document) => {
    await expect(`${JSON.stringify(planOf(document), null, 2)}\n`).toMatchFileSnapshot(`__snapshots__/plan-${name}.json`);
  });

  it("is plain data: it survives a JSON round trip unchanged", async () => {
    const plan = buildPlan(buildModel(await loadDocument(specDocumentPath)));
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it("keeps the Org-API-Key exchange out of the app client: a security boundary decided once", async () => {
    const plan = buildPlan(buildModel(await loadDocument(specDocumentPath)));
    expect(plan.clients.map((client) => [client.role, client.methods.map((method) => method.name.join(""))])).toEqual([
      ["app", ["listConversations", "listMessages", "sendMessage", "streamMessages"]],
      ["server", ["exchangeToken"]],
    ]);
    expect(plan.clients.map((client) => client.credentials.map((credential) => [credential.name.join(""), credential.secret, credential.refreshable]))).toEqual(
      [[["token", false, true]], [["OrgApiKey", true, false]]],
    );
  });

  it("carries the API's own facts from the spec, for runtimes to be handed", async () => {
    const plan = buildPlan(buildModel(await loadDocument(specDocumentPath)));
    expect(plan.facts).toMatchObject({
      refreshCredentialCode: "token_expired",
      retryInFlightCode: "idempotency_in_progress",
      requestIdHeader: "X-Request-Id",
      clientHeader: "X-Expys-Client",
      errorCodeType: "ErrorCode",
    });
    expect(plan.facts.errorCodes).toHaveLength(14);
    expect(methodOf(plan, "streamMessages").stream).toMatchObject({ heartbeatMs: 15_000, idleTimeoutMs: 45_000, yields: "data" });
  });

  it("orders arguments and marks what the runtime manages", async () => {
    const plan = buildPlan(buildModel(await loadDocument(specDocumentPath)));
    const send = methodOf(plan, "sendMessage");
    expect(send.arguments.map((argument) => [argument.name.join(""), argument.target.location])).toEqual([
      ["id", "path"],
      ["message", "bodyField"],
    ]);
    expect(send.params?.members.map((member) => [member.wireName, member.location, member.managed])).toEqual([
      ["Idempotency-Key", "header", "idempotencyKey"],
      ["externalUserID", "query", undefined],
    ]);
    expect(send.body).toMatchObject({ from: "fields", encoding: "json" });
    const list = methodOf(plan, "listMessages");
    expect(list.pagination).toMatchObject({ cursorParam: "cursor", pageSizeParam: "limit", itemsField: ["messages"], nextCursorField: ["nextCursor"] });
    expect(list.params?.members.find((member) => member.wireName === "limit")).toMatchObject({
      default: 50,
      type: { constraints: { minimum: 1, maximum: 100 } },
    });
    expect(methodOf(plan, "streamMessages").params?.members.find((member) => member.wireName === "Last-Event-ID")?.managed).toBe("lastEventId");
    expect(send.errors.find((error) => error.status === "409")?.codes).toEqual(["idempotency_conflict", "idempotency_in_progress"]);
  });

  it("decides which methods are safe to repeat: idempotent methods, and writes that take an idempotency key", async () => {
    const plan = buildPlan(buildModel(await loadDocument(specDocumentPath)));
    const repeatable = Object.fromEntries(plan.clients.flatMap((client) => client.methods).map((method) => [method.name.join(""), method.repeatable]));
    expect(repeatable).toEqual({ listConversations: true, listMessages: true, sendMessage: true, streamMessages: true, exchangeToken: false });
    const methods = ["get", "put", "delete", "post", "patch"] as const;
    const paths = Object.fromEntries(
      methods.map((method) => [`/${method}`, { [method]: { operationId: method, responses: { "204": { description: "done" } } } }]),
    );
    const planned = planOf({ openapi: "3.1.0", info, paths }).clients[0]!.methods.map((method) => [method.http.method, method.repeatable]);
    expect(planned).toEqual([
      ["GET", true],
      ["PUT", true],
      ["DELETE", true],
      ["POST", false],
      ["PATCH", false],
    ]);
  });

  it("names every inline object, union and enum after where it appears, never twice", () => {
    const plan = planOf(inlineTypes);
    const names = plan.types.map((type) => type.name.join(""));
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
    const types = typeIndex(plan.types);
    const update = methodOf(plan, "updateThing");
    const nameOf = (ref: { kind: string; id?: string } | undefined) => (ref?.kind === "ref" ? types.get(ref.id!)?.name.join("") : undefined);
    expect(nameOf(update.body?.type)).toBe("updateThingBody");
    expect(nameOf(update.success.type)).toBe("updateThingResponse");
    expect(nameOf(update.params?.members.find((member) => member.wireName === "state")?.type)).toBe("updateThingstate");
    // The component `circle` clashes with `Circle` in some casing, and `UpdateThingParams` with the params group.
    expect(names).toEqual(expect.arrayContaining(["Circle", "circle2", "UpdateThingParams"]));
    expect(update.params?.name).toEqual(["update", "Thing", "Params", "2"]);
    expect(types.get("~updateThing/Response/shape")).toMatchObject({ kind: "union", origin: { kind: "inline" } });
    expect(types.get("~updateThing/state")).toMatchObject({ kind: "enum", base: "string", members: [{ value: "open" }, { value: "closed" }] });
  });

  it("gives a secret-only API one client, and plans non-JSON bodies, empty answers and several event types", () => {
    const plan = planOf(encodings);
    expect(plan.clients.map((client) => client.role)).toEqual(["server"]);
    expect(plan.defaultEnvironment).toEqual(["default"]);
    expect(methodOf(plan, "upload")).toMatchObject({ body: { encoding: "form", from: "argument" }, success: { status: "204", encoding: "none" } });
    expect(methodOf(plan, "report").success).toMatchObject({ encoding: "text", type: { kind: "primitive", type: "string" } });
    expect(methodOf(plan, "blob").success).toMatchObject({ encoding: "binary" });
    expect(methodOf(plan, "events").stream).toMatchObject({ yields: "tagged", heartbeatMs: 10_000, idleTimeoutMs: 30_000 });
    expect(methodOf(plan, "events").stream?.events.map((event) => [event.event, event.terminal])).toEqual([
      ["tick", false],
      ["done", true],
    ]);
  });

  it("has no client for a document without operations", () => {
    expect(planOf({ openapi: "3.0.3", info, paths: {} }).clients).toEqual([]);
  });
});
