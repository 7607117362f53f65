// The reference page of one operation: the route, the signature in each SDK,
// one block per parameter, the answer, a tested request and response example
// in each language and curl, the errors with their codes, and a live Try-it.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { emitters, type PlanMethod, type PlanParam, type PlanTypeRef } from "@expys/codegen";
import { snippetGroup } from "./code-groups.ts";
import { cell, fence, prose, summary, yesNo } from "./markdown.ts";
import { type ParamBlock, fieldBlocks, paramBlocks } from "./param-blocks.ts";
import { wrapSignature } from "./signature.ts";
import { languages, methodIn, namedType, plan, sdkMethod, typescriptNaming } from "./spec-plan.ts";
import { typeText } from "./type-text.ts";

/** Where the captured answers of the reference examples are kept. */
export const examplesDir = fileURLToPath(new URL("../../reference/examples/", import.meta.url));

/** The captured answer shown as an operation's response example: JSON, or an event stream's text. */
export function responseExample(method: PlanMethod): { file: string; lang: "json" | "text" } {
  return method.stream ? { file: `${examplesDir}${method.operationId}.txt`, lang: "text" } : { file: `${examplesDir}${method.operationId}.json`, lang: "json" };
}

const guides = {
  pagination: "/guide/pagination",
  streaming: "/guide/streaming",
  retries: "/guide/retries",
  errors: "/guide/errors",
  authentication: "/guide/authentication",
};

/** The key of a params member in the TypeScript SDK's params object (packages/codegen's TypeScript emitter: params-keys.ts). */
export function paramsKey(member: PlanParam): string {
  return member.location !== "header" && /^[A-Za-z_$][\w$]*$/.test(member.wireName) ? member.wireName : typescriptNaming.value(member.name);
}

function managedNote(member: PlanParam): string | undefined {
  if (member.managed === "idempotencyKey") return "The SDKs send a new key per call and reuse it on that call's retries";
  if (member.managed === "lastEventId") return "The SDKs track it across reconnects";
  return undefined;
}

const whereOf = (location: string): string => (location === "bodyField" ? "body" : location);

function parameterBlocks(method: PlanMethod): ParamBlock[] {
  const positional = method.arguments
    .filter((argument) => argument.target.location !== "body")
    .map((argument, index) => ({
      name: argument.target.location === "body" ? "body" : argument.target.wireName,
      where: whereOf(argument.target.location),
      type: argument.type,
      required: !argument.optional,
      ...(argument.doc ? { doc: argument.doc } : {}),
      notes: [`In the SDK: argument ${index + 1}, \`${typescriptNaming.value(argument.name)}\``],
      anchor: `parameter-${argument.target.location === "body" ? "body" : argument.target.wireName}`,
    }));
  const grouped = (method.params?.members ?? []).map((member) => {
    const managed = managedNote(member);
    return {
      name: member.wireName,
      where: whereOf(member.location),
      type: member.type,
      required: member.required,
      ...(member.default !== undefined ? { default: member.default } : {}),
      ...(member.doc ? { doc: member.doc } : {}),
      notes: [`In the SDK: \`params.${paramsKey(member)}\``, ...(managed ? [managed] : [])],
      anchor: `parameter-${member.wireName.toLowerCase()}`,
    };
  });
  return [...positional, ...grouped];
}

function signatures(method: PlanMethod): string {
  const blocks = languages.map((language) => {
    const reference = methodIn(language, method);
    const comment = emitters[language.id]?.lineComment ?? "//";
    const where = `${comment} ${reference.entry}: ${reference.factory}`;
    return fence(`${language.fence} [${language.label}]`, `${where}\n${wrapSignature(reference.signature)}`);
  });
  return ['<div class="wrap-code">', "", "::: code-group", ...blocks, ":::", "", "</div>"].join("\n");
}

function roleNotes(method: PlanMethod): string[] {
  const notes: string[] = [];
  if (method.pagination) {
    const items = method.pagination.itemsField.join(".");
    notes.push(
      `Cursor-paginated: await the call for one page; iterate it for every item of \`${items}\` across pages. See [Pagination](${guides.pagination}).`,
    );
  }
  if (method.stream) notes.push(`A Server-Sent Events stream, read as an async sequence of messages. See [Streaming messages](${guides.streaming}).`);
  if (method.idempotency) {
    notes.push(
      `A write that takes an idempotency key in the \`${method.idempotency.header}\` header; the SDKs send one on every call. See [Retries and idempotency](${guides.retries}).`,
    );
  }
  return notes;
}

function credentialText(method: PlanMethod): string {
  const credentials = plan.clients.flatMap((client) => client.credentials);
  return method.security
    .flat()
    .map((id) => {
      const credential = credentials.find((candidate) => candidate.schemes.some((scheme) => scheme.id === id));
      if (!credential) return "none";
      if (credential.kind === "bearer") return "a bearer token (`Authorization: Bearer …`), member or machine";
      const scheme = credential.schemes[0];
      if (credential.kind === "apiKey") return `the organisation key in the \`${scheme?.wireName}\` ${scheme?.location}, from your backend only`;
      return id;
    })
    .join(", or ");
}

function requestBody(method: PlanMethod): string[] {
  const body = method.body;
  if (!body) return [];
  const out = ["## Request body", "", `\`${body.contentType}\`, ${body.required ? "required" : "optional"}: ${typeText(body.type)}.`, ""];
  if (body.from === "fields") {
    out.push("The SDKs build it from the parameters marked *body* above.", "");
    return out;
  }
  const type = body.type.kind === "ref" ? namedType(body.type.id) : undefined;
  if (type?.kind === "object") out.push("The SDKs take it as an argument, with these fields:", "", fieldBlocks(type.properties, "body"), "");
  return out;
}

function returns(method: PlanMethod): string[] {
  const success = method.success;
  const out = ["## Returns", "", `**${success.status}**: ${cell(success.doc)}${success.type ? ` The body is ${typeText(success.type)}.` : ""}`, ""];
  const type = success.type?.kind === "ref" ? namedType(success.type.id) : undefined;
  if (type?.kind === "object") out.push(fieldBlocks(type.properties, "returns"), "");
  if (method.stream) {
    out.push("Each event:", "");
    out.push("| Event | Data | Ends the stream |", "| --- | --- | --- |");
    for (const event of method.stream.events) out.push(`| \`${event.event}\` | ${typeText(event.type)} (${event.encoding}) | ${yesNo(event.terminal)} |`);
    out.push("");
    if (method.stream.heartbeatMs) {
      out.push(
        `The server sends a heartbeat comment at least every ${method.stream.heartbeatMs / 1000} s; the SDKs reconnect after ${(method.stream.idleTimeoutMs ?? 0) / 1000} s of silence.`,
        "",
      );
    }
  }
  if (success.headers.length) {
    out.push("Response headers:", "");
    out.push(
      paramBlocks(
        success.headers.map((header) => ({
          name: header.wireName,
          // The plan hands response headers over from the model, whose scalar types are the plan's.
          type: header.type as PlanTypeRef,
          required: header.required,
          ...(header.doc ? { doc: header.doc } : {}),
          anchor: `header-${header.wireName.toLowerCase()}`,
        })),
      ),
      "",
    );
  }
  return out;
}

function example(method: PlanMethod): string[] {
  const { file, lang } = responseExample(method);
  if (!existsSync(file)) throw new Error(`${method.operationId} has no response example (${file}): run npm run examples -w docs`);
  return [
    "## Example",
    "",
    "Each request is a snippet file that the docs tests run against the sandbox; the response is what the sandbox answered.",
    "",
    "### Request",
    "",
    snippetGroup(`reference/${method.operationId}`, "request"),
    "",
    "### Response",
    "",
    '<div class="wrap-code">',
    "",
    fence(lang, readFileSync(file, "utf8").trimEnd()),
    "",
    "</div>",
    "",
  ];
}

function errors(method: PlanMethod): string[] {
  if (method.errors.length === 0) return [];
  const table = new Map(plan.facts.errorCodes.map((code) => [code.code, code]));
  const rows = method.errors.flatMap((error) =>
    error.codes.length
      ? error.codes.map((code) => `| \`${code}\` | ${error.status} | ${yesNo(table.get(code)?.retryable)} | ${summary(table.get(code)?.doc ?? error.doc)} |`)
      : [`| — | ${error.status} | — | ${summary(error.doc)} |`],
  );
  return [
    "## Errors",
    "",
    `Every error answer has an [\`ApiError\`](/reference/schemas/ApiError) body; the SDKs raise it as a typed error with its \`code\`. See [Errors](${guides.errors}).`,
    "",
    "| Code | Status | Retryable | When |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ];
}

/** The reference page of one operation, as markdown. */
export function operationPage(method: PlanMethod): string {
  const out: string[] = [`# ${sdkMethod(method).name}`, ""];
  out.push(`<p class="route"><span class="verb">${method.http.method}</span> ${method.http.path}</p>`, "");
  out.push(prose(method.doc), "");
  for (const note of roleNotes(method)) out.push(note, "");
  out.push(`Takes ${credentialText(method)}. See [Authentication](${guides.authentication}).`, "");
  out.push("## Signature", "", signatures(method), "");
  out.push("## Parameters", "");
  const blocks = parameterBlocks(method);
  out.push(blocks.length ? paramBlocks(blocks) : "None.", "");
  out.push(...requestBody(method));
  out.push(...returns(method));
  out.push(...example(method));
  out.push(...errors(method));
  out.push("## Try it", "", "<TryIt />", "");
  return out.join("\n");
}
