import type { PlanClient, PlanMethod, PlanParam, PlanStreamEvent, PlanTypeRef } from "../../plan/sdk-plan.ts";
import type { SwiftParameter } from "./client-file.ts";
import { printType, type TypeIndex } from "./print-type.ts";
import { docComment } from "./swift-docs.ts";
import { labelName, literal, typeName, valueName, wordsOf } from "./swift-names.ts";

/** What a request or page method returns. */
export function returnType(method: PlanMethod, types: TypeIndex): string {
  switch (method.success.encoding) {
    case "json":
      return method.success.type ? printType(method.success.type, types) : "Void";
    case "text":
      return "String";
    case "binary":
      return "Data";
    case "none":
      return "Void";
  }
}

/** The walk over every item of a paginated method, by the plan's name (`listAllMessages`); its pages are the walk's `.pages`. */
export function walkName(method: PlanMethod): string {
  return valueName(method.pagination!.walk.items);
}

/** The query, header and cookie parameters of the OperationRequest, in the plan's order. */
function parameterEntries(members: readonly PlanParam[], location: "query" | "header" | "cookie"): string[] {
  return members
    .filter((member) => member.location === location && !member.managed)
    .map((member) => {
      const style = member.style && member.style !== "form" ? `, style: .${member.style}` : location === "header" ? ", style: .simple" : "";
      const explode = member.explode === false ? ", explode: false" : "";
      return `Parameter(${literal(member.wireName)}, ${labelName(member.name)}${style}${explode})`;
    });
}

/** The request body: the whole-body argument, or the body type made from its fields. */
function bodyExpression(method: PlanMethod, types: TypeIndex): string | undefined {
  const body = method.body;
  if (!body) return undefined;
  let value: string;
  if (body.from === "argument") {
    value = valueName(method.arguments.find((argument) => argument.target.location === "body")!.name);
  } else {
    const bodyType = body.type.kind === "ref" ? types.get(body.type.id) : undefined;
    const fields = new Map<string, string>();
    for (const argument of method.arguments) if (argument.target.location === "bodyField") fields.set(argument.target.wireName, valueName(argument.name));
    for (const member of method.params?.members ?? []) if (member.location === "bodyField") fields.set(member.wireName, labelName(member.name));
    const properties = bodyType?.kind === "object" ? bodyType.properties : [];
    const labels = properties.flatMap((property) => {
      const variable = fields.get(property.wireName);
      return variable ? [`${valueName(property.name).replaceAll("`", "")}: ${variable}`] : [];
    });
    value = `${printType(body.type, types).replace(/\?$/, "")}(${labels.join(", ")})`;
  }
  const optional = body.from === "argument" && method.arguments.find((argument) => argument.target.location === "body")!.optional;
  const wrap = (inner: string): string => {
    switch (body.encoding) {
      case "json":
        return `.json(${inner})`;
      case "form":
        return `.form(${inner})`;
      case "multipart":
        return `.multipart(${inner})`;
      case "text":
        return `.text(${inner}, contentType: ${literal(body.contentType)})`;
      case "binary":
        return `.binary(${inner}, contentType: ${literal(body.contentType)})`;
    }
  };
  return optional ? `${value}.map { ${wrap("$0")} }` : wrap(value);
}

/** The static function that builds a method's OperationRequest from its parameters (options and managed resume ids aside). */
export function operationBuilder(method: PlanMethod, client: PlanClient, name: string, parameters: readonly SwiftParameter[], types: TypeIndex): string {
  const members = method.params?.members ?? [];
  const fields: string[] = [`method: ${literal(method.http.method)}`, `path: ${literal(method.http.path)}`];
  if (method.http.server) fields.push(`server: ${literal(method.http.server)}`);
  const path = method.arguments.filter((argument) => argument.target.location === "path");
  if (path.length > 0) {
    fields.push(
      `pathParameters: [${path.map((argument) => `${literal((argument.target as { wireName: string }).wireName)}: ${valueName(argument.name)}`).join(", ")}]`,
    );
  }
  for (const location of ["query", "header", "cookie"] as const) {
    const entries = parameterEntries(members, location);
    if (entries.length > 0) fields.push(`${location === "query" ? "query" : location === "header" ? "headers" : "cookies"}: [${entries.join(", ")}]`);
  }
  const body = bodyExpression(method, types);
  if (body) fields.push(`body: ${body}`);
  if (method.idempotency) {
    fields.push(`idempotencyHeader: ${literal(method.idempotency.header)}`);
    const key = members.find((member) => member.managed === "idempotencyKey");
    if (key) fields.push(`idempotencyKey: ${labelName(key.name)}`);
  }
  if (!method.repeatable) fields.push("repeatable: false");
  if (JSON.stringify(method.security) !== JSON.stringify(client.defaultSecurity)) fields.push(`security: ${JSON.stringify(method.security)}`);
  const used = parameters.filter((parameter) => !members.some((member) => member.managed === "lastEventId" && labelName(member.name) === parameter.name));
  const declarations = used.map((parameter) => parameter.declaration.replace(/ = nil$/, ""));
  return `    static func ${name}Operation(${declarations.join(", ")}) -> OperationRequest {\n      OperationRequest(\n${fields.map((field) => `        ${field}`).join(",\n")}\n      )\n    }\n`;
}

/** How one event's data becomes a value: JSON decoded as its type, or the text itself. */
function eventValue(event: PlanStreamEvent, types: TypeIndex): string {
  return event.encoding === "json" ? `try EventData.json(${printType(event.type, types)}.self, event)` : "event.data";
}

/** A stream method's body, what it yields, and any type it declares (the enum of a tagged stream). */
export function streamCall(
  method: PlanMethod,
  name: string,
  parameters: readonly SwiftParameter[],
  types: TypeIndex,
): { call: string; result: string; declarations: string[] } {
  const stream = method.stream!;
  const resume = method.params?.members.find((member) => member.managed === "lastEventId");
  const terminal = stream.events.filter((event) => event.terminal).map((event) => literal(event.event));
  const terminalArgument = terminal.length > 0 ? `terminal: [${terminal.join(", ")}]` : "";
  const declarations: string[] = [];
  let result: string;
  let decode: string;
  if (stream.yields === "data") {
    const event = stream.events[0]!;
    result = event.encoding === "json" ? printType(event.type, types) : "String";
    decode = `{ event in event.type == ${literal(event.event)} ? ${eventValue(event, types)} : nil }`;
  } else if (stream.yields === "tagged") {
    result = typeName(stream.taggedName ?? [...method.name, "Event"]);
    declarations.push(taggedEnum(result, name, stream.events, types));
    decode = `{ try ${result}(event: $0) }`;
  } else {
    result = "ServerSentEvent";
    decode = "{ $0 }";
  }
  const builderArguments = parameters
    .filter((parameter) => parameter.name !== (resume ? labelName(resume.name) : undefined))
    .map((parameter) => parameter.pass);
  const call = [
    "    client.stream(\n",
    `      WithResponse.${name}Operation(${builderArguments.join(", ")}),\n`,
    `      events: StreamEvents${terminalArgument ? `(${terminalArgument})` : ""} ${decode},\n`,
    `      idleTimeout: ${stream.idleTimeoutMs ? `.milliseconds(${stream.idleTimeoutMs})` : "nil"},\n`,
    `      lastEventID: ${resume ? labelName(resume.name) : "nil"},\n`,
    "      options: options\n",
    "    )\n",
  ].join("");
  return { call, result: `AsyncThrowingStream<${result}, any Error>`, declarations };
}

/** The enum of a stream with several event types: one case per type, events of other types skipped. */
function taggedEnum(name: string, method: string, events: readonly PlanStreamEvent[], types: TypeIndex): string {
  const cases = events.map((event) => ({
    event,
    name: valueName(wordsOf(event.event)),
    type: event.encoding === "json" ? printType(event.type as PlanTypeRef, types) : "String",
  }));
  return [
    docComment("", `What \`${method}\` yields: one case per event type.`),
    `public enum ${name}: Sendable, Hashable {\n`,
    cases.map(({ event, name: caseName, type }) => `${docComment("  ", event.doc ?? `A \`${event.event}\` event.`)}  case ${caseName}(${type})\n`).join(""),
    `\n${docComment("  ", "The value of an event, or `nil` for an event type this SDK does not know.")}  init?(event: ServerSentEvent) throws {\n    switch event.type {\n`,
    cases
      .map(({ event, name: caseName }) => `    case ${literal(event.event)}: self = .${caseName.replaceAll("`", "")}(${eventValue(event, types)})\n`)
      .join(""),
    "    default: return nil\n    }\n  }\n}\n",
  ].join("");
}
