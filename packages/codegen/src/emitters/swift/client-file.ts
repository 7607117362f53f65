import { fieldType } from "../../plan/queries.ts";
import type { PlanClient, PlanCredential, PlanMethod, PlanParam, PlanTypeRef, SdkPlan } from "../../plan/sdk-plan.ts";
import { environmentCase } from "./metadata-file.ts";
import { printBase, printType, type TypeIndex } from "./print-type.ts";
import { docComment, parameterDocs } from "./swift-docs.ts";
import { labelName, literal, typeName, valueName } from "./swift-names.ts";
import { operationBuilder, returnType, streamCall, walkName } from "./method-body.ts";

/** The Swift module of a client: the app client lives in the SDK's module, the server client in its own. */
export function moduleOf(plan: SdkPlan, client: PlanClient): string {
  return typeName(client.role === "app" ? plan.sdkName : [...plan.sdkName, "Server"]);
}

/** One parameter of a generated method, as declared and as passed on. */
export interface SwiftParameter {
  /** `_ id: String`, `limit: Int? = nil`. */
  declaration: string;
  /** `id`, `limit: limit`: how a forwarding call passes it. */
  pass: string;
  /** The name inside the method. */
  name: string;
  doc?: string | undefined;
}

/** A method's parameters: positional arguments unlabeled, then the params group as labels, then `options`. */
export function parametersOf(method: PlanMethod, types: TypeIndex): SwiftParameter[] {
  const positional = method.arguments.map((argument) => {
    const name = valueName(argument.name);
    const type = printType(argument.type, types);
    const optional = argument.optional && !type.endsWith("?") ? `${type}?` : type;
    return { declaration: `_ ${name}: ${argument.optional ? `${optional} = nil` : type}`, pass: name, name, doc: argument.doc };
  });
  const labelled = (method.params?.members ?? []).map((member) => memberParameter(member, types));
  return [...positional, ...labelled];
}

function memberParameter(member: PlanParam, types: TypeIndex): SwiftParameter {
  const name = labelName(member.name);
  const type = printType(member.type, types);
  const declaration = member.required ? `${name}: ${type}` : `${name}: ${type.endsWith("?") ? type : `${type}?`} = nil`;
  return { declaration, pass: `${name.replaceAll("`", "")}: ${name}`, name, doc: member.doc };
}

const optionsParameter: SwiftParameter = {
  declaration: "options: RequestOptions? = nil",
  pass: "options: options",
  name: "options",
  doc: "Per-call options: a timeout, retries, extra headers.",
};

/**
 * A method's declaration line, without its body. Methods throw `ExpysError`
 * only, but declare untyped `throws`: Swift 6.0 to 6.3 crash compiling a
 * caller's `catch ExpysError.cancelled` against a typed throw of an enum with
 * payloads (swiftlang/swift#86924), and SE-0413 keeps typed throws for
 * generic and embedded code.
 */
export function signature(method: PlanMethod, name: string, result: string, types: TypeIndex, throwing: boolean): string {
  const parameters = [...parametersOf(method, types), optionsParameter].map((parameter) => parameter.declaration);
  return `public func ${name}(${parameters.join(", ")})${throwing ? " async throws" : ""}${result === "Void" ? "" : ` -> ${result}`}`;
}

function methodDoc(method: PlanMethod, types: TypeIndex, returns: string, throwing: boolean, extra?: string, indent = "  "): string {
  const parameters = [...parametersOf(method, types), optionsParameter].map((parameter) => [parameter.name.replaceAll("`", ""), parameter.doc] as const);
  return docComment(
    indent,
    method.summary,
    method.doc,
    extra,
    `\`${method.http.method} ${method.http.path}\``,
    method.deprecated ? "- Important: Deprecated." : undefined,
    parameterDocs(parameters),
    `- Returns: ${returns}`,
    throwing ? "- Throws: ``ExpysError`` (and nothing else): what the API answered, or why there was no answer." : undefined,
  );
}

/** A client's file: the class, its initializers, its methods and their `withResponse` forms. */
export function clientFile(plan: SdkPlan, client: PlanClient, types: TypeIndex): string {
  const name = typeName(client.name);
  const methods: string[] = [];
  const raw: string[] = [];
  const builders: string[] = [];
  const extraTypes: string[] = [];
  for (const method of client.methods) {
    const methodName = valueName(method.name);
    const parameters = parametersOf(method, types);
    const forward = [...parameters, optionsParameter].map((parameter) => parameter.pass).join(", ");
    builders.push(operationBuilder(method, client, methodName, parameters, types));
    if (method.kind === "stream") {
      const { call, result, declarations } = streamCall(method, methodName, parameters, types);
      extraTypes.push(...declarations);
      methods.push(
        `${methodDoc(method, types, `The events, as an \`AsyncThrowingStream\`: leave the loop or cancel the task to close the connection.`, false)}  ${signature(method, methodName, result, types, false)} {\n${call}  }\n`,
      );
      continue;
    }
    const result = returnType(method, types);
    // A write's result is often not needed: dropping it is no mistake worth a warning.
    const discardable = method.http.method !== "GET" && result !== "Void" ? "@discardableResult\n" : "";
    methods.push(
      `${methodDoc(method, types, method.kind === "paginate" ? `One page, as the API returns it: a \`${result}\`.` : result === "Void" ? "Nothing: the call succeeded." : `The \`${result}\`.`, true)}  ${discardable ? `${discardable}  ` : ""}${signature(method, methodName, result, types, true)} {\n    try await withResponse.${methodName}(${forward}).value\n  }\n`,
    );
    raw.push(
      `${methodDoc(method, types, "The result with the answer's status, request id and headers.", true, undefined, "    ")}    ${discardable ? `${discardable}    ` : ""}${signature(method, methodName, `APIResponse<${result}>`, types, true)} {\n      try await client.send(Self.${methodName}Operation(${parameters.map((parameter) => parameter.pass).join(", ")}), response: ${responseBody(method)}, options: options)\n    }\n`,
    );
    if (method.kind === "paginate") {
      const pagination = method.pagination!;
      const walk = walkName(method);
      methods.push(
        `${methodDoc(method, types, `Every item of every page, fetched a page at a time as the loop asks; \`.pages\` walks the pages.`, false, `Every \`${printBase(pagination.itemType, types)}\`, starting with the page \`${methodName}\` returns and following each next cursor.`)}  ${signature(method, walk, `Paginated<${result}, ${printType(pagination.itemType, types)}>`, types, false)} {\n    client.paginate(\n      WithResponse.${methodName}Operation(${parameters.map((parameter) => parameter.pass).join(", ")}),\n      paging: Paging(cursorParameter: ${literal(pagination.cursorParam)}, items: { ${itemsOf(method, types)} }, nextCursor: { ${cursorOf(method, types)} }),\n      options: options\n    )\n  }\n`,
      );
    }
  }
  return [
    "import Foundation\n",
    client.role === "app" ? "import ExpysRuntime\n" : `@_exported import ${typeName(plan.sdkName)}\nimport ExpysRuntime\n`,
    "\n",
    docComment("", client.doc),
    `public final class ${name}: Sendable {\n`,
    "  let client: APIClient\n\n",
    docComment("  ", "The same methods, each returning an ``APIResponse``: the result with the answer's status, request id and headers."),
    "  public let withResponse: WithResponse\n\n",
    initializers(plan, client),
    `\n${docComment("  ", "Cancels every call and stream in flight and refuses later calls. A client that is simply released lets its calls finish first.")}  public func close() {\n    client.close()\n  }\n`,
    `\n${docComment("  ", "What the client has running: requests, streams and timers.")}  public var activity: ClientActivity { client.activity }\n`,
    ...methods.map((method) => `\n${method}`),
    `\n${docComment("  ", `The methods of \`${name}\` that return an \`\`APIResponse\`\`.`)}  public struct WithResponse: Sendable {\n    let client: APIClient\n`,
    ...raw.map((method) => `\n${method}`),
    ...builders.map((builder) => `\n${builder}`),
    "  }\n}\n",
    ...extraTypes.map((declaration) => `\n${declaration}`),
  ].join("");
}

function responseBody(method: PlanMethod): string {
  return `.${method.success.encoding}`;
}

/** The initializers: where to connect, the credentials, and the options. */
function initializers(plan: SdkPlan, client: PlanClient): string {
  const where =
    plan.environments.length > 0
      ? [`environment: Environment${plan.defaultEnvironment ? ` = .${environmentCase(plan.defaultEnvironment)}` : ""}`, "baseURL: String? = nil"]
      : ["baseURL: String"];
  const base = plan.environments.length > 0 ? "baseURL ?? environment.url" : "baseURL";
  const credentials = client.credentials.map((credential) => ({ credential, name: labelName(credential.name), type: credentialType(credential) }));
  const declared = credentials.map(({ credential, name, type }) => `${name}: ${type}${credential.required ? "" : "? = nil"}`);
  const entries = credentials.flatMap(({ credential, name }) =>
    credential.schemes.map((scheme) => `        ${literal(scheme.id)}: ${credentialEntry(credential, scheme, name)},\n`),
  );
  const whereDocs: (readonly [string, string])[] =
    plan.environments.length > 0
      ? [
          [
            "environment",
            `Which deployment to call: ${plan.environments.map((environment) => `\`.${environmentCase(environment.name)}\` (${environment.url})`).join(", ")}.`,
          ],
          ["baseURL", "Calls this URL instead of the environment's, for example a proxy or a sandbox on another port."],
        ]
      : [["baseURL", "The URL of the API."]];
  const docs = parameterDocs([
    ...whereDocs,
    ...credentials.map(
      ({ credential, name }) =>
        [
          name.replaceAll("`", ""),
          credential.refreshable
            ? `${credential.doc}\n\nA string, or a provider the client asks again when the API reports the token expired.`
            : credential.doc,
        ] as const,
    ),
    ["options", "Retries, timeout, backoff, headers and logging for every call."],
  ]);
  const primary = [
    docComment(
      "  ",
      `Creates the client. It holds one URLSession: create it once and share it.`,
      docs,
      "- Throws: ``ExpysError/invalidInput(message:)`` for a base URL or option the client cannot use.",
    ),
    `  public init(${[...where, ...declared, "options: ClientOptions = ClientOptions()"].join(", ")}) throws {\n`,
    `    let client = try APIClient(\n      baseURL: ${base},\n      facts: apiFacts,\n      credentials: ${entries.length > 0 ? `[\n${entries.join("")}      ]` : "[:]"},\n      security: ${JSON.stringify(client.defaultSecurity)},\n      options: options\n    )\n`,
    "    self.client = client\n    withResponse = WithResponse(client: client)\n  }\n",
  ].join("");
  const bearer = credentials.filter(({ credential }) => credential.kind === "bearer" && credential.required);
  if (bearer.length !== 1) return primary;
  const [{ name: tokenName }] = bearer as [(typeof credentials)[number]];
  const plain = [
    ...where,
    ...credentials.map(({ credential, name, type }) => (name === tokenName ? `${name}: String` : `${name}: ${type}${credential.required ? "" : "? = nil"}`)),
    "options: ClientOptions = ClientOptions()",
  ];
  const pass = [
    ...(plan.environments.length > 0 ? ["environment: environment", "baseURL: baseURL"] : ["baseURL: baseURL"]),
    ...credentials.map(({ name }) => (name === tokenName ? `${name.replaceAll("`", "")}: .token(${name})` : `${name.replaceAll("`", "")}: ${name}`)),
    "options: options",
  ];
  return `${primary}\n${docComment("  ", "Creates the client with a token that does not change.")}  public convenience init(${plain.join(", ")}) throws {\n    try self.init(${pass.join(", ")})\n  }\n`;
}

function credentialType(credential: PlanCredential): string {
  if (credential.kind === "bearer") return "TokenSource";
  return credential.kind === "basic" ? "BasicCredentials" : "String";
}

function credentialEntry(credential: PlanCredential, scheme: PlanCredential["schemes"][number], name: string): string {
  const value = credential.required ? name : "$0";
  const entry =
    credential.kind === "bearer"
      ? `.bearer(TokenStore(${value}))`
      : credential.kind === "basic"
        ? `.basic(username: ${value}.username, password: ${value}.password)`
        : scheme.location === "query"
          ? `.apiKeyQuery(name: ${literal(scheme.wireName ?? "")}, value: ${value})`
          : scheme.location === "cookie"
            ? `.apiKeyCookie(name: ${literal(scheme.wireName ?? "")}, value: ${value})`
            : `.apiKeyHeader(name: ${literal(scheme.wireName ?? "")}, value: ${value})`;
  return credential.required ? entry : `${name}.map { ${entry} }`;
}

/** `$0.messages`, with `?.` past optional fields and `?? []` when the list may be absent. */
function itemsOf(method: PlanMethod, types: TypeIndex): string {
  const { expression, optional } = fieldPath(method.success.type!, method.pagination!.itemsField, types);
  return optional ? `${expression} ?? []` : expression;
}

/** The next cursor as a string, `nil` at the end. */
function cursorOf(method: PlanMethod, types: TypeIndex): string {
  const { expression, optional } = fieldPath(method.success.type!, method.pagination!.nextCursorField, types);
  const type = fieldType(method.success.type, method.pagination!.nextCursorField, types);
  if (type && printBase(type, types) === "String") return expression;
  return optional ? `${expression}.map { "\\($0)" }` : `"\\(${expression})"`;
}

function fieldPath(root: PlanTypeRef, path: readonly string[], types: TypeIndex): { expression: string; optional: boolean } {
  let expression = "$0";
  let optional = false;
  for (let index = 0; index < path.length; index += 1) {
    const owner = fieldType(root, path.slice(0, index), types);
    const ownerType = owner?.kind === "ref" ? types.get(owner.id) : undefined;
    const property = ownerType?.kind === "object" ? ownerType.properties.find((candidate) => candidate.wireName === path[index]) : undefined;
    expression += `${optional ? "?" : ""}.${property ? valueName(property.name) : valueName([path[index]!])}`;
    optional ||= !property?.required || Boolean(property?.type.nullable);
  }
  return { expression, optional };
}
