import { describe, expect, it } from "vitest";
import { documents, isNullable, operationsOf, parametersOf, resolve, type Json } from "./documents.ts";

const versions = Object.keys(documents) as (keyof typeof documents)[];

describe.each(versions)("OpenAPI %s", (version) => {
  const document = documents[version];
  const operations = operationsOf(document);
  const byMethod = (method: string, path: string): Json => operations.find((entry) => entry.method === method && entry.path === path)?.operation;

  it("is marked as generated", () => {
    expect(document.openapi).toBe(version);
    expect(document["x-expys-generated"]).toMatch(/Do not edit by hand/);
  });

  it("lists production first, then the local sandbox", () => {
    expect(document.servers.map((server: Json) => server.url)).toEqual(["https://api.expys.com", "http://127.0.0.1:{port}"]);
    expect(document.servers.map((server: Json) => server.description)).toEqual(["Production", "Sandbox"]);
    expect(document.servers[1].variables.port.default).toBe("4010");
  });

  it("has exactly the routes of the API", () => {
    expect(operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort()).toEqual([
      "GET /v1/conversations",
      "GET /v1/conversations/{id}/messages",
      "GET /v1/conversations/{id}/stream",
      "POST /v1/auth/exchange",
      "POST /v1/conversations/{id}/messages",
    ]);
  });

  it("declares the Idempotency-Key header on POST /v1/conversations/{id}/messages", () => {
    const send = byMethod("post", "/v1/conversations/{id}/messages");
    const parameters = parametersOf(document, send);
    const key = parameters.find((parameter) => parameter.name === "Idempotency-Key");
    expect(key).toMatchObject({ in: "header", required: false, schema: { type: "string" } });
    expect(parameters.find((parameter) => parameter.in === "path")).toMatchObject({ name: "id", required: true });
    expect(send["x-expys-idempotency"]).toEqual({ header: "Idempotency-Key" });
  });

  it("uses the Org-API-Key only for the exchange, and bearer tokens everywhere else", () => {
    const schemes = document.components.securitySchemes;
    expect(schemes.OrgApiKeyAuth).toMatchObject({ type: "apiKey", in: "header", name: "Org-API-Key" });
    expect(schemes.BearerTokenAuth).toMatchObject({ type: "http", scheme: "Bearer" });
    for (const { path, operation } of operations) {
      const security = operation.security ?? document.security;
      const expected = path === "/v1/auth/exchange" ? "OrgApiKeyAuth" : "BearerTokenAuth";
      expect(security, path).toEqual([{ [expected]: [] }]);
    }
  });

  it("declares the errors each operation can return, each with the error body and a request id", () => {
    const expectedStatuses: Record<string, string[]> = {
      exchangeToken: ["400", "401", "403", "408", "413", "429", "431", "500", "503"],
      listConversations: ["400", "401", "403", "408", "413", "429", "431", "500", "503"],
      listMessages: ["400", "401", "403", "404", "408", "413", "429", "431", "500", "503"],
      sendMessage: ["400", "401", "403", "404", "408", "409", "413", "429", "431", "500", "503"],
      streamMessages: ["400", "401", "403", "404", "408", "413", "429", "431", "500", "503"],
    };
    for (const { operation } of operations) {
      const errors = Object.keys(operation.responses).filter((status) => status !== "200");
      expect(errors, operation.operationId).toEqual(expectedStatuses[operation.operationId]);
      for (const status of errors) {
        const response = operation.responses[status];
        expect(response.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ApiError" });
        expect(response.headers["X-Request-Id"]).toMatchObject({ required: true });
      }
      expect(operation.responses["429"].headers["Retry-After"]).toMatchObject({
        required: true,
        schema: { type: "integer" },
      });
      expect(operation.responses["503"].headers["Retry-After"]).toMatchObject({ schema: { type: "integer" } });
    }
  });

  it("describes the error taxonomy: code, message, requestId, retryable", () => {
    const apiError = document.components.schemas.ApiError;
    expect(apiError.required).toEqual(["code", "message", "requestId", "retryable"]);
    const codes = document.components.schemas.ErrorCode;
    const described = codes["x-expys-error-codes"] as Json[];
    expect(described.map((entry) => entry.code)).toEqual(codes.enum);
    expect(codes.enum).toEqual(
      expect.arrayContaining([
        "invalid_request",
        "unauthorized",
        "token_expired",
        "forbidden",
        "not_found",
        "idempotency_conflict",
        "rate_limited",
        "internal_error",
        "service_unavailable",
      ]),
    );
    for (const entry of described) {
      expect(entry.description.length, entry.code).toBeGreaterThan(20);
      expect(typeof entry.retryable).toBe("boolean");
    }
    const statusOf = Object.fromEntries(described.map((entry) => [entry.code, entry.status]));
    expect(statusOf).toMatchObject({
      rate_limited: 429,
      token_expired: 401,
      not_found: 404,
      service_unavailable: 503,
      request_timeout: 408,
      content_too_large: 413,
      headers_too_large: 431,
    });
    const retryable = described.filter((entry) => entry.retryable).map((entry) => entry.code);
    expect(retryable.sort()).toEqual(["idempotency_in_progress", "internal_error", "rate_limited", "request_timeout", "service_unavailable"]);
    const handled = described.filter((entry) => entry.handling).map((entry) => [entry.code, entry.handling]);
    expect(handled).toEqual([
      ["token_expired", "refreshCredential"],
      ["idempotency_in_progress", "retryInFlight"],
    ]);
  });

  it("names the request-id and client-identification headers for SDK runtimes", () => {
    expect(document["x-expys-api"]).toEqual({ requestIdHeader: "X-Request-Id", clientHeader: "X-Expys-Client" });
    for (const operation of Object.values(document.paths).flatMap((item: Json) => Object.values(item) as Json[])) {
      for (const response of Object.values(operation.responses) as Json[]) expect(Object.keys(response.headers ?? {})).toContain("X-Request-Id");
    }
  });

  it("keeps every schema field named and typed as the product docs list them", () => {
    const schemas = document.components.schemas;
    const shape = (name: string): Record<string, boolean> => {
      const schema = schemas[name];
      return Object.fromEntries(Object.entries(schema.properties as Record<string, Json>).map(([field, property]) => [field, isNullable(property)]));
    };
    expect(shape("Conversation")).toEqual({ id: false, type: false, title: true, lastMessageAt: true });
    expect(shape("Message")).toEqual({ id: false, type: false, authorID: false, body: true, createdAt: false });
    expect(shape("ListConversationsResponse")).toEqual({ conversations: false });
    expect(shape("ListMessagesResponse")).toEqual({ messages: false, nextCursor: true });
    expect(shape("SendMessageRequest")).toEqual({ message: false });
    expect(shape("SendMessageResponse")).toEqual({ ok: false });
    for (const name of ["Conversation", "Message", "ListMessagesResponse", "SendMessageResponse"]) {
      expect(schemas[name].required.sort(), name).toEqual(Object.keys(schemas[name].properties).sort());
    }
    expect(schemas.ListConversationsResponse.properties.conversations.items).toEqual({
      $ref: "#/components/schemas/Conversation",
    });
  });

  it("closes request bodies: an unknown field is invalid, as the servers treat it", () => {
    for (const { operation } of operations) {
      const media = operation.requestBody?.content["application/json"];
      if (!media) continue;
      expect(resolve(document, media.schema).additionalProperties, operation.operationId).toBe(false);
    }
    // Responses stay open, so a field added later does not break an older client.
    expect(document.components.schemas.Message.additionalProperties).toBeUndefined();
  });

  it("constrains every externalUserID the same way: no control characters, not the concierge's id", () => {
    const exchange = resolve(document, byMethod("post", "/v1/auth/exchange").requestBody.content["application/json"].schema);
    const schemas = [
      exchange.properties.externalUserID,
      ...operations
        .flatMap(({ operation }) => parametersOf(document, operation).filter((parameter) => parameter.name === "externalUserID"))
        .map((parameter) => parameter.schema),
    ];
    expect(schemas).toHaveLength(5);
    for (const schema of schemas) {
      expect(schema).toMatchObject({ type: "string", minLength: 1, maxLength: 128 });
      const pattern = new RegExp(schema.pattern, "u");
      for (const valid of ["demo-member", "member-42", "alice@example.com", "auth0|5f7c", "Concierge", "concierge-fan", "日本"]) {
        expect(pattern.test(valid), valid).toBe(true);
      }
      for (const invalid of ["concierge", "line\nbreak", "tab\there", "nul\u0000", "del\u007f", "c1\u0085"]) {
        expect(pattern.test(invalid), JSON.stringify(invalid)).toBe(false);
      }
    }
  });

  it("says cursors and Last-Event-ID values are opaque and issued by the server", () => {
    const list = parametersOf(document, byMethod("get", "/v1/conversations/{id}/messages")).find((parameter) => parameter.name === "cursor");
    const lastEventId = parametersOf(document, byMethod("get", "/v1/conversations/{id}/stream")).find((parameter) => parameter.name === "Last-Event-ID");
    for (const description of [list.description, lastEventId.description, document.components.schemas.ListMessagesResponse.properties.nextCursor.description]) {
      expect(description).toMatch(/opaque/);
    }
  });

  it("serves the stream as text/event-stream of Message events", () => {
    const stream = byMethod("get", "/v1/conversations/{id}/stream");
    const content = stream.responses["200"].content;
    expect(Object.keys(content)).toEqual(["text/event-stream"]);
    expect(parametersOf(document, stream).find((parameter) => parameter.name === "Last-Event-ID")).toMatchObject({
      in: "header",
      required: false,
    });
    expect(stream["x-expys-stream"]).toMatchObject({
      protocol: "sse",
      events: [{ event: "message", contentType: "application/json", schema: { $ref: "#/components/schemas/Message" } }],
      heartbeatSeconds: 15,
    });
    if (version === "3.2.0") {
      const item = content["text/event-stream"].itemSchema;
      expect(item.oneOf).toEqual([
        {
          properties: {
            data: { contentMediaType: "application/json", contentSchema: { $ref: "#/components/schemas/Message" } },
            event: { const: "message" },
          },
        },
      ]);
    } else {
      expect(content["text/event-stream"].schema).toEqual({ type: "string" });
    }
  });

  it("names the paging roles of listMessages, each pointing at a real parameter or field", () => {
    const list = byMethod("get", "/v1/conversations/{id}/messages");
    const pagination = list["x-expys-pagination"];
    expect(pagination).toEqual({
      style: "cursor",
      cursorParam: "cursor",
      pageSizeParam: "limit",
      itemsField: "messages",
      nextCursorField: "nextCursor",
    });
    const queryNames = parametersOf(document, list)
      .filter((parameter) => parameter.in === "query")
      .map((parameter) => parameter.name);
    expect(queryNames).toEqual(expect.arrayContaining([pagination.cursorParam, pagination.pageSizeParam]));
    const page = resolve(document, list.responses["200"].content["application/json"].schema);
    expect(Object.keys(page.properties)).toEqual([pagination.itemsField, pagination.nextCursorField]);
    expect(operationsOf(document).filter(({ operation }) => operation["x-expys-pagination"])).toHaveLength(1);
  });

  it("gives every operation its SDK method name, and flattens sendMessage's body to one argument", () => {
    const methods = operations.map(({ operation }) => operation["x-expys-sdk"]);
    expect(methods).toEqual(
      expect.arrayContaining([
        { method: "exchangeToken" },
        { method: "listConversations" },
        { method: "listMessages" },
        { method: "sendMessage", positional: ["message"] },
        { method: "streamMessages" },
      ]),
    );
    const send = byMethod("post", "/v1/conversations/{id}/messages");
    const body = resolve(document, send.requestBody.content["application/json"].schema);
    expect(body.required).toEqual(["message"]);
  });

  it("documents every operation, parameter, schema and property", () => {
    for (const { operation } of operations) {
      expect(operation.description, operation.operationId).toBeTruthy();
      for (const parameter of parametersOf(document, operation)) {
        expect(parameter.description, `${operation.operationId} ${parameter.name}`).toBeTruthy();
      }
    }
    for (const [name, schema] of Object.entries(document.components.schemas as Record<string, Json>)) {
      expect(schema.description, name).toBeTruthy();
      for (const [field, property] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
        expect(property.description, `${name}.${field}`).toBeTruthy();
      }
    }
  });
});

it("emits the same operations and schemas in both versions", () => {
  const summary = (document: Json) => ({
    operations: operationsOf(document).map(({ method, path, operation }) => [method, path, operation.operationId]),
    schemas: Object.keys(document.components.schemas).sort(),
  });
  expect(summary(documents["3.0.0"])).toEqual(summary(documents["3.2.0"]));
});
