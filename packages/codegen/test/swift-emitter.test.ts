import { beforeAll, describe, expect, it } from "vitest";
import { buildModel, buildPlan, emitFiles, emitters, loadDocument, type GeneratedFile } from "../src/index.ts";
import { planOf, specDocumentPath } from "./spec-document.ts";

const swift = emitters.swift!;
const swiftOf = (document: object): GeneratedFile[] => emitFiles(swift, planOf(document));
const fileOf = (files: readonly GeneratedFile[], path: string): string => {
  const file = files.find((candidate) => candidate.path === path);
  if (!file) throw new Error(`no ${path} in ${files.map((candidate) => candidate.path).join(", ")}`);
  return file.contents;
};

/** Public declarations without a `///` comment right above (attributes and blank lines aside). */
function undocumented(source: string): string[] {
  const lines = source.split("\n");
  return lines.flatMap((line, index) => {
    const declaration = /^\s*public (?:final class|struct|enum|func|var|let|init|convenience init|typealias) ?`?(\w+)?/.exec(line);
    if (!declaration || /public (?:init|func encode)\(from decoder|public func encode\(to|public init\(rawValue|public var rawValue/.test(line)) return [];
    let above = index - 1;
    while (lines[above]?.trim().startsWith("@")) above -= 1;
    return lines[above]?.trim().startsWith("///") ? [] : [line.trim()];
  });
}

describe("the Swift emitter on the Expys spec", () => {
  let files: GeneratedFile[];
  beforeAll(async () => {
    files = emitFiles(swift, buildPlan(buildModel(await loadDocument(specDocumentPath))));
  });

  it("writes the SDK's module (models, metadata, app client) and the server client's own module", () => {
    expect(files.map((file) => file.path)).toEqual([
      "Expys/Models.swift",
      "Expys/Metadata.swift",
      "Expys/ExpysClient.swift",
      "ExpysServer/ExpysServerClient.swift",
    ]);
  });

  it("documents every public declaration with DocC", () => {
    for (const file of files) expect(undocumented(file.contents), file.path).toEqual([]);
  });

  it("gives the app client the docs' method shapes", () => {
    const client = fileOf(files, "Expys/ExpysClient.swift");
    expect(client).toContain(
      "public func listConversations(externalUserID: String? = nil, options: RequestOptions? = nil) async throws -> ListConversationsResponse",
    );
    expect(client).toContain(
      "public func listMessages(_ id: String, limit: Int? = nil, cursor: String? = nil, externalUserID: String? = nil, options: RequestOptions? = nil) async throws -> ListMessagesResponse",
    );
    expect(client).toContain(
      "public func listAllMessages(_ id: String, limit: Int? = nil, cursor: String? = nil, externalUserID: String? = nil, options: RequestOptions? = nil) -> Paginated<ListMessagesResponse, Message>",
    );
    expect(client).toContain(
      "public func sendMessage(_ id: String, _ message: String, idempotencyKey: String? = nil, externalUserID: String? = nil, options: RequestOptions? = nil) async throws -> SendMessageResponse",
    );
    expect(client).toContain(
      "public func streamMessages(_ id: String, externalUserID: String? = nil, lastEventID: String? = nil, options: RequestOptions? = nil) -> AsyncThrowingStream<Message, any Error>",
    );
  });

  it("hands the runtime the plan's facts, the managed key and the stream's idle timeout", () => {
    const metadata = fileOf(files, "Expys/Metadata.swift");
    expect(metadata).toContain('tokenExpiredCode: "token_expired"');
    expect(metadata).toContain('inFlightCode: "idempotency_in_progress"');
    expect(metadata).toContain('requestIDHeader: "X-Request-Id"');
    expect(metadata).toContain('.init(code: "rate_limited", status: 429, retryable: true)');
    const client = fileOf(files, "Expys/ExpysClient.swift");
    expect(client).toContain('idempotencyHeader: "Idempotency-Key"');
    expect(client).toContain("idleTimeout: .milliseconds(45000)");
    expect(client).toContain("lastEventID: lastEventID");
    expect(client).not.toContain('Parameter("Last-Event-ID"');
    // Only the write without an idempotency key is marked: the token exchange.
    expect(client).not.toContain("repeatable");
    expect(fileOf(files, "ExpysServer/ExpysServerClient.swift")).toContain("repeatable: false");
  });

  it("keeps the server client's secret apart, in its own module", () => {
    const server = fileOf(files, "ExpysServer/ExpysServerClient.swift");
    expect(server).toContain("public init(environment: Environment, baseURL: String? = nil, orgAPIKey: String, options: ClientOptions = ClientOptions())");
    expect(server).toContain('.apiKeyHeader(name: "Org-API-Key", value: orgAPIKey)');
    expect(fileOf(files, "Expys/ExpysClient.swift")).not.toContain(".apiKeyHeader");
  });

  it("codes models with the spec's exact optionality", () => {
    const models = fileOf(files, "Expys/Models.swift");
    expect(models).toContain("body = try container.decode(String?.self, forKey: .body)");
    expect(models).toContain("try container.encode(body, forKey: .body)");
    expect(models).toContain("param = try container.decodeIfPresent(String.self, forKey: .param)");
    expect(models).toContain("try container.encodeIfPresent(param, forKey: .param)");
    expect(models).toContain("case unknown(String)");
    expect(models).toContain("public struct APIError: Sendable, Hashable, Codable");
  });

  it("spells every method and type for the docs", async () => {
    const reference = swift.reference(buildPlan(buildModel(await loadDocument(specDocumentPath))), {});
    expect(reference.methods.get("sendMessage")).toMatchObject({ entry: "Expys", factory: "ExpysClient", name: "sendMessage" });
    expect(reference.methods.get("exchangeToken")?.entry).toBe("ExpysServer");
    expect(reference.environments.get("Sandbox")).toBe(".sandbox");
    expect(reference.types.get("ApiError")?.name).toBe("APIError");
  });
});

describe("the Swift emitter on edge documents", () => {
  const info = { title: "Edge API", version: "1" };
  const edge = {
    openapi: "3.0.3",
    info,
    servers: [{ url: "https://edge.example.com" }],
    paths: {
      "/things/{default}": {
        get: {
          operationId: "getThing",
          parameters: [
            { name: "default", in: "path", required: true, schema: { type: "string" } },
            { name: "options", in: "query", schema: { type: "array", items: { type: "string" } }, explode: false },
            { name: "kind", in: "query", schema: { $ref: "#/components/schemas/Kind" } },
          ],
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Data" } } } } },
        },
      },
      "/events": {
        get: {
          operationId: "events",
          responses: { "200": { description: "events", content: { "text/event-stream": { schema: { type: "string" } } } } },
          "x-expys-stream": {
            protocol: "sse",
            events: [
              { event: "tick", contentType: "application/json", schema: { type: "object", properties: { n: { type: "integer" } } } },
              { event: "done", contentType: "text/plain", terminal: true },
            ],
          },
        },
      },
    },
    components: {
      schemas: {
        Data: {
          type: "object",
          required: ["class"],
          properties: { class: { type: "string" }, extra: { type: "string", nullable: true }, shape: { $ref: "#/components/schemas/Shape" } },
          additionalProperties: { type: "integer" },
        },
        Kind: { type: "string", enum: ["unknown", "known"] },
        Shape: {
          oneOf: [{ $ref: "#/components/schemas/Circle" }, { $ref: "#/components/schemas/Square" }],
          discriminator: { propertyName: "type", mapping: { circle: "#/components/schemas/Circle", square: "#/components/schemas/Square" } },
        },
        Circle: { type: "object", properties: { type: { type: "string" }, radius: { type: "number" } } },
        Square: { type: "object", properties: { type: { type: "string" }, side: { type: "number" } } },
      },
    },
  };

  it("escapes Swift's keywords and never shadows a Swift or Foundation type", () => {
    const files = swiftOf(edge);
    const models = fileOf(files, "Edge/Models.swift");
    expect(models).toContain("public struct DataModel: Sendable, Hashable, Codable");
    expect(models).toContain("public var `class`: String");
    expect(models).toContain("case `class`");
    const client = files.find((file) => file.path.endsWith("Client.swift"))!.contents;
    expect(client).toContain("public func getThing(_ `default`: String, optionsValue: [String]? = nil, kind: Kind? = nil, options: RequestOptions? = nil)");
    expect(client).toContain('Parameter("options", optionsValue, explode: false)');
  });

  it("keeps an enum's own `unknown` member apart from its fallback", () => {
    const models = fileOf(swiftOf(edge), "Edge/Models.swift");
    expect(models).toContain("  case unknown\n");
    expect(models).toContain("case unrecognized(String)");
  });

  it("decodes a union by its discriminator, and an object's extra members", () => {
    const models = fileOf(swiftOf(edge), "Edge/Models.swift");
    expect(models).toContain('case "circle": self = .circle(try decoder.singleValueContainer().decode(Circle.self))');
    expect(models).toContain("public var additionalProperties: [String: Int]");
  });

  it("declares the enum a tagged stream yields, under the plan's name, ending on its terminal event", () => {
    const client = swiftOf(edge).find((file) => file.path.endsWith("Client.swift"))!.contents;
    expect(client).toContain("public enum EventsEvent: Sendable, Hashable");
    expect(client).toContain('case "done": self = .done(event.data)');
    expect(client).toContain('StreamEvents(terminal: ["done"]) { try EventsEvent(event: $0) }');
  });
});
