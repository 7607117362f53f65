import { fileURLToPath } from "node:url";
import { compile, NodeHost, type Program } from "@typespec/compiler";
import { getOpenAPI3 } from "@typespec/openapi3";
import { describe, expect, it } from "vitest";
import { addExtensions, type OpenApiDocument } from "../scripts/extensions.ts";

async function compileFile(path: string): Promise<Program> {
  return compile(NodeHost, fileURLToPath(new URL(path, import.meta.url)), { noEmit: true });
}

async function extend(program: Program): Promise<OpenApiDocument> {
  const [record] = await getOpenAPI3(program, { "openapi-versions": ["3.0.0"] });
  if (!record || record.versioned) throw new Error("expected one unversioned document");
  const document = record.document as unknown as OpenApiDocument;
  addExtensions(program, document);
  return document;
}

const codes = (program: Program): string[] => program.diagnostics.map((diagnostic) => diagnostic.code);

describe("the Expys.Sdk decorators", () => {
  it("compile the real spec with only the documented 3.0 streaming warning", async () => {
    const program = await compileFile("../main.tsp");
    expect(codes(program)).toEqual([]);
    await getOpenAPI3(program, { "openapi-versions": ["3.2.0"] });
    expect(codes(program)).toEqual([]);
    // OpenAPI 3.0 cannot describe SSE items: the one warning spec/README.md explains.
    await getOpenAPI3(program, { "openapi-versions": ["3.0.0"] });
    expect(codes(program)).toEqual(["@typespec/openapi3/streams-not-supported"]);
  });

  it("reject @positional naming a field the body does not have", async () => {
    const program = await compileFile("fixtures/positional-unknown-field.tsp");
    expect(codes(program)).toEqual([]);
    await expect(extend(program)).rejects.toThrow('@positional("text") on send: the request body has no required property "text"');
  });

  it("reject @positional naming an optional field", async () => {
    const program = await compileFile("fixtures/positional-optional-field.tsp");
    await expect(extend(program)).rejects.toThrow('no required property "message"');
  });

  it("reject @idempotencyKey on a parameter that is not a string", async () => {
    const program = await compileFile("fixtures/idempotency-key-not-string.tsp");
    expect(codes(program)).toEqual(["expys-idempotency-key-type"]);
  });

  it("reject @errorCode with a status that is not an error", async () => {
    const program = await compileFile("fixtures/error-code-bad-status.tsp");
    expect(codes(program)).toEqual(["expys-error-status"]);
    expect(program.diagnostics[0]?.message).toContain("got 200");
  });

  it("reject @heartbeat below one second and @clientHeader with a name that is not a header name", async () => {
    const program = await compileFile("fixtures/heartbeat-zero.tsp");
    expect(codes(program).sort()).toEqual(["expys-client-header-name", "expys-heartbeat"]);
  });

  it("reject an error enum where only some members are described", async () => {
    const program = await compileFile("fixtures/error-code-partial.tsp");
    expect(codes(program)).toEqual([]);
    await expect(extend(program)).rejects.toThrow("Code.undocumented lacks @errorCode");
  });
});
