import { beforeAll, describe, expect, it } from "vitest";
import { buildModel, buildPlan, emitFiles, emitters, loadDocument, type GeneratedFile } from "../src/index.ts";
import { eventsPath, specDocument, specDocumentPath, typescriptOf } from "./spec-document.ts";

const emit = (document: object): GeneratedFile[] => typescriptOf(document);
const fileOf = (files: readonly GeneratedFile[], path: string): string => {
  const file = files.find((candidate) => candidate.path === path);
  if (!file) throw new Error(`no ${path}`);
  return file.contents;
};

/** Declarations (`export interface|type|function|const`) and interface members without a doc comment right above. */
function undocumented(source: string): string[] {
  const lines = source.split("\n");
  let inInterface = false;
  return lines.flatMap((line, index) => {
    if (/^export interface /.test(line)) inInterface = true;
    else if (line === "}") inInterface = false;
    const declaration = /^export (interface|type|function|const) (\w+)/.exec(line)?.[2];
    const member = inInterface ? /^ {2}(\w+)\??[(:]/.exec(line)?.[1] : undefined;
    const name = declaration ?? member;
    if (!name) return [];
    return lines[index - 1]?.trim().endsWith("*/") ? [] : [name];
  });
}

describe("the TypeScript emitter on the Expys spec", () => {
  let files: GeneratedFile[];
  beforeAll(async () => {
    files = emitFiles(emitters.typescript!, buildPlan(buildModel(await loadDocument(specDocumentPath))));
  });

  it("writes types, metadata, the app client and the server client", () => {
    expect(files.map((file) => file.path)).toEqual(["types.ts", "metadata.ts", "client.ts", "server.ts"]);
  });

  it("documents every generated type, method and option", () => {
    for (const file of files) expect(undocumented(file.contents), file.path).toEqual([]);
  });

  it("puts a write's idempotency key in its headers, the caller's or one made per call, and marks only a write without one as not repeatable", () => {
    const client = fileOf(files, "client.ts");
    expect(client).toContain('headerParams: { "Idempotency-Key": params?.idempotencyKey ?? idempotencyKey() },');
    // sendMessage takes a key and the reads are idempotent; the token exchange is a POST without a key.
    expect(client).not.toContain("repeatable");
    expect(fileOf(files, "server.ts")).toContain("repeatable: false,");
    expect(client).toMatch(/import \{ [^}]*\bidempotencyKey\b[^}]* \} from "\.\.\/runtime\/index\.ts"/);
    expect(client).not.toMatch(/idempotencyKey: |idempotencyHeader/);
  });

  it("gives the app client the documented methods and signatures", () => {
    const client = fileOf(files, "client.ts");
    expect(client).toContain("listConversations(params?: ListConversationsParams, requestOptions?: RequestOptions): ApiPromise<ListConversationsResponse>;");
    expect(client).toContain(
      "listMessages(id: string, params?: ListMessagesParams, requestOptions?: RequestOptions): PagePromise<ListMessagesResponse, Message>;",
    );
    expect(client).toContain(
      "sendMessage(id: string, message: string, params?: SendMessageParams, requestOptions?: RequestOptions): ApiPromise<SendMessageResponse>;",
    );
    expect(client).toContain("streamMessages(id: string, params?: StreamMessagesParams, requestOptions?: RequestOptions): AsyncIterable<Message>;");
    expect(client).toContain("export function initialize(options: InitializeOptions): ExpysClient");
  });

  it("keeps the secret credential out of the app client", () => {
    const code = fileOf(files, "client.ts")
      .split("\n")
      .filter((line) => !/^\s*(\/\*\*|\*|\/\/)/.test(line))
      .join("\n");
    const server = fileOf(files, "server.ts");
    expect(code).toContain("listMessages");
    expect(code).not.toMatch(/exchangeToken|Org-API-Key|orgApiKey|OrgApiKeyAuth/);
    expect(server).toContain("exchangeToken(body?: TokenExchangeRequest, requestOptions?: RequestOptions): ApiPromise<TokenExchangeResponse>;");
    expect(server).toContain(`createClient(options, apiFacts, [[apiKeyAuth("header", "Org-API-Key", options.orgApiKey)]])`);
  });

  it("types nullable fields with null and optional ones with a question mark", () => {
    const types = fileOf(files, "types.ts");
    expect(types).toMatch(/ {2}title: string \| null;/);
    expect(types).toMatch(/ {2}lastMessageAt: string \| null;/);
    expect(types).toMatch(/ {2}param\?: string \| undefined;/);
    expect(types).toMatch(/ {2}externalUserID\?: string \| undefined;/);
  });
});

describe("naming comes from the spec, not from special cases", () => {
  it("uses the method name the spec gives", () => {
    const document = specDocument();
    document.paths["/v1/conversations/{id}/messages"].post["x-expys-sdk"].method = "postMessage";
    const client = fileOf(emit(document), "client.ts");
    expect(client).toContain("postMessage(id: string, message: string");
    expect(client).not.toContain("sendMessage(");
  });

  it("takes the whole body when the spec marks no field positional", () => {
    const document = specDocument();
    delete document.paths["/v1/conversations/{id}/messages"].post["x-expys-sdk"].positional;
    const client = fileOf(emit(document), "client.ts");
    expect(client).toContain("sendMessage(id: string, body: SendMessageRequest, params?: SendMessageParams");
  });

  it("falls back to the operationId when the spec has no SDK hints", () => {
    const document = specDocument();
    const send = document.paths["/v1/conversations/{id}/messages"].post;
    delete send["x-expys-sdk"];
    send.operationId = "Messages_create";
    expect(fileOf(emit(document), "client.ts")).toContain("messagesCreate(id: string, body: SendMessageRequest");
  });

  it("escapes text that would end a doc comment early", () => {
    const document = specDocument();
    document.components.schemas.Message.description = "Ends */ here";
    expect(fileOf(emit(document), "types.ts")).toContain("/** Ends *\\/ here */");
  });
});

describe("streams", () => {
  const info = { title: "Events", version: "1" };
  const document = {
    openapi: "3.0.3",
    info,
    servers: [{ url: "https://events.example.com" }],
    paths: eventsPath,
  };

  it("hands the runtime a decoder per event type, tagged when there are several, and the terminal one", () => {
    const client = fileOf(emit(document), "client.ts");
    expect(client).toContain('declaredEvents: [["tick", taggedEvent(jsonEvent)], ["done", taggedEvent(textEvent), true]]');
    expect(client).toContain("idleTimeoutMs: 30000");
    expect(client).toMatch(/import \{ [^}]*jsonEvent, taggedEvent, textEvent[^}]* \} from/);
  });

  it("makes the only environment the default, passing it to the runtime", () => {
    const client = fileOf(emit(document), "client.ts");
    expect(client).toContain("environment?: Environment | undefined;");
    expect(client).toContain('createClient({ ...options, environment: options.environment ?? "default" }, apiFacts, ');
  });
});
