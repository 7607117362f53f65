import { directRefs, resolveType } from "../../plan/queries.ts";
import type { PlanClient, PlanCredential, PlanMethod, PlanParam, PlanType, PlanTypeRef, SdkPlan } from "../../plan/sdk-plan.ts";
import { paramsKeys } from "./params-keys.ts";
import { type PrintContext, printsInline, printType } from "./print-type.ts";
import { docComment } from "./ts-docs.ts";
import { camelCase, isIdentifier, naming, propertyKey } from "./ts-names.ts";

/** A client module: its interface, its options and its factory. */
export function clientFile(plan: SdkPlan, client: PlanClient, context: PrintContext, runtimeImport: string): string {
  const usedTypes = new Set<string>();
  const print = (type: PlanTypeRef): string => {
    for (const id of directRefs(type)) if (!printsInline(context.types.get(id)!)) usedTypes.add(naming.type(context.types.get(id)!.name));
    return printType(type, context);
  };
  const helpers = new Set<string>();
  const security = securityOf(client, helpers);
  const signatures = client.methods.map((method) => signature(method, print));
  const implementations = client.methods.map((method, index) =>
    implementation(method, signatures[index]!.generic, client, context.types, helpers, security.print),
  );
  const paramsTypes = client.methods.flatMap((method) => (method.params ? [naming.type(method.params.name)] : []));
  const typeImports = [...new Set([...usedTypes, ...paramsTypes])].sort();
  const runtimeNames = ["createClient", ...[...helpers].sort(), "type ClientOptions", "type RequestOptions", ...runtimeTypesUsed(client)];
  const interfaceName = naming.type(client.name);
  const optionsName = naming.type(client.optionsName);
  const factory = naming.value(client.factory);
  return [
    `import { ${runtimeNames.join(", ")} } from ${JSON.stringify(runtimeImport)};\n`,
    `import { apiFacts${plan.environments.length > 0 ? ", type Environment" : ""} } from "./metadata.ts";\n`,
    typeImports.length > 0 ? `import type { ${typeImports.join(", ")} } from "./types.ts";\n` : "",
    "\n",
    `${docComment("", client.doc)}export interface ${interfaceName} {\n${signatures.map((entry) => entry.text).join("\n")}}\n\n`,
    `${docComment("", `Options of \`${factory}\`.`)}export interface ${optionsName} extends ClientOptions {\n`,
    environmentOption(plan),
    client.credentials.map((credential) => credentialOption(credential)).join(""),
    "}\n\n",
    docComment(
      "",
      `Creates the \`${interfaceName}\`. It holds no connection: create it once and reuse it.`,
      `@param options - Where to connect and how to authenticate; see {@link ${optionsName}}.`,
    ),
    `export function ${factory}(options: ${optionsName}): ${interfaceName} {\n`,
    security.declaration,
    `  const client = createClient(${clientOptions(plan)}, apiFacts, ${security.print(client.defaultSecurity)});\n`,
    `  return {\n${implementations.join("")}  };\n}\n`,
  ].join("");
}

/** The options the runtime gets: the caller's, with the only environment as the default when there is one. */
function clientOptions(plan: SdkPlan): string {
  if (plan.defaultEnvironment === undefined) return "options";
  return `{ ...options, environment: options.environment ?? ${JSON.stringify(camelCase(plan.defaultEnvironment))} }`;
}

function environmentOption(plan: SdkPlan): string {
  if (plan.environments.length === 0) return `${docComment("  ", "The URL of the API.")}  baseUrl: string;\n`;
  const single = plan.defaultEnvironment !== undefined;
  const list = plan.environments.map((environment) => `- \`${camelCase(environment.name)}\`: ${environment.url}`).join("\n");
  return [
    docComment("  ", "Which deployment of the API to call.", list, single ? "Defaults to the only one." : undefined),
    `  environment${single ? "?" : ""}: Environment${single ? " | undefined" : ""};\n`,
    docComment("  ", "Calls this URL instead of the environment's, for example a proxy or a sandbox on another port."),
    "  baseUrl?: string | undefined;\n",
  ].join("");
}

function credentialOption(credential: PlanCredential): string {
  const type = credential.kind === "bearer" ? "TokenSource" : credential.kind === "basic" ? "{ username: string; password: string }" : "string";
  const doc = credential.refreshable
    ? `${credential.doc}\n\nA string, or a function that returns one (it is asked again when the token expires).`
    : credential.doc;
  const key = naming.value(credential.name);
  return `${docComment("  ", doc)}  ${key}${credential.required ? "" : "?"}: ${type}${credential.required ? "" : " | undefined"};\n`;
}

/**
 * The security alternatives as the runtime takes them: each a list of the
 * credentials it needs (`undefined` for one whose option was left out).
 * Credentials keep state (a bearer token's cache and its refresh), so each is
 * built once, when the client is: in place when only the default requirement
 * names it, once; otherwise as a member of `auth`, which every requirement
 * naming it shares (a method's own requirement is built on every call).
 */
function securityOf(client: PlanClient, helpers: Set<string>): { declaration: string; print: (security: PlanMethod["security"]) => string } {
  const own = client.methods.map((method) => method.security).filter((security) => !sameSecurity(security, client));
  const inPlace = new Set(client.defaultSecurity.flat().filter((id, _, ids) => ids.indexOf(id) === ids.lastIndexOf(id) && !own.flat(2).includes(id)));
  const used = new Set([...client.defaultSecurity.flat(), ...own.flat(2)]);
  const built = new Map<string, string>();
  for (const credential of client.credentials) {
    for (const scheme of credential.schemes) if (used.has(scheme.id)) built.set(scheme.id, authEntry(credential, scheme, helpers));
  }
  const shared = [...built].filter(([id]) => !inPlace.has(id));
  const credential = (id: string): string => (!built.has(id) ? "undefined" : inPlace.has(id) ? built.get(id)! : `auth${accessor(id)}`);
  return {
    declaration: shared.length > 0 ? `  const auth = {\n${shared.map(([id, entry]) => `    ${propertyKey(id)}: ${entry},\n`).join("")}  };\n` : "",
    print: (security) => `[${security.map((alternative) => `[${alternative.map(credential).join(", ")}]`).join(", ")}]`,
  };
}

/** Whether a method's security is its client's default, which the runtime applies when the method names none. */
function sameSecurity(security: PlanMethod["security"], client: PlanClient): boolean {
  return JSON.stringify(security) === JSON.stringify(client.defaultSecurity);
}

/** A member access, dotted when the key is an identifier. */
function accessor(key: string): string {
  return isIdentifier(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The runtime credential for one scheme, built from its option. */
function authEntry(credential: PlanCredential, scheme: PlanCredential["schemes"][number], helpers: Set<string>): string {
  const option = `options.${naming.value(credential.name)}`;
  const helper = `${credential.kind}Auth`;
  helpers.add(helper);
  if (credential.kind === "apiKey") return `apiKeyAuth(${JSON.stringify(scheme.location)}, ${JSON.stringify(scheme.wireName)}, ${option})`;
  return `${helper}(${option})`;
}

function runtimeTypesUsed(client: PlanClient): string[] {
  const names = new Set<string>();
  for (const method of client.methods) {
    if (method.kind === "paginate") names.add("type PagePromise");
    else if (method.kind === "request") names.add("type ApiPromise");
    else if (method.stream?.yields === "raw") names.add("type ServerSentEvent");
  }
  if (client.credentials.some((credential) => credential.kind === "bearer")) names.add("type TokenSource");
  return [...names].sort();
}

/** The argument list of a method, TypeScript-legal: an optional argument before a required one is required. */
function argumentsOf(method: PlanMethod, print: (type: PlanTypeRef) => string): string[] {
  const args = method.arguments.map((argument) => ({ name: naming.value(argument.name), type: print(argument.type), optional: argument.optional }));
  if (method.params) args.push({ name: "params", type: naming.type(method.params.name), optional: method.params.optional });
  for (let index = args.length - 2; index >= 0; index -= 1) if (!args[index + 1]!.optional) args[index]!.optional = false;
  return [...args.map((argument) => `${argument.name}${argument.optional ? "?" : ""}: ${argument.type}`), "requestOptions?: RequestOptions"];
}

/** The interface member of a method, its bare signature, and the type arguments its implementation passes. */
export function signature(method: PlanMethod, print: (type: PlanTypeRef) => string): { text: string; bare: string; generic: string } {
  const { returnType, generic } = returnTypeOf(method, print);
  const keys = paramsKeys(method);
  const paramDocs = [
    ...method.arguments.map((argument) => `@param ${naming.value(argument.name)} - ${argumentDoc(argument)}`),
    ...(method.params ? [`@param params - ${keys.map((key) => `\`${key}\``).join(", ")}; see {@link ${naming.type(method.params.name)}}.`] : []),
    "@param requestOptions - Per-call options: an AbortSignal, a timeout, retries, extra headers.",
  ];
  const doc = docComment(
    "  ",
    method.summary,
    method.doc,
    `\`${method.http.method} ${method.http.path}\``,
    paramDocs.join("\n"),
    method.deprecated ? "@deprecated" : undefined,
  );
  const bare = `${propertyKey(naming.value(method.name))}(${argumentsOf(method, print).join(", ")}): ${returnType}`;
  return { text: `${doc}  ${bare};\n`, bare, generic };
}

function argumentDoc(argument: PlanMethod["arguments"][number]): string {
  const { target } = argument;
  const fallback =
    target.location === "body" ? "The request body." : `The \`${target.wireName}\` ${target.location === "path" ? "path parameter" : "field of the body"}.`;
  return (argument.doc ?? fallback).replace(/\s*\n\s*/g, " ");
}

function returnTypeOf(method: PlanMethod, print: (type: PlanTypeRef) => string): { returnType: string; generic: string } {
  if (method.stream) {
    const events = method.stream.events;
    const item =
      method.stream.yields === "raw"
        ? "ServerSentEvent"
        : method.stream.yields === "data"
          ? print(events[0]!.type)
          : events.map((event) => `{ event: ${JSON.stringify(event.event)}; data: ${print(event.type)} }`).join(" | ");
    return { returnType: `AsyncIterable<${item}>`, generic: item };
  }
  const { encoding, type } = method.success;
  const page = encoding === "none" ? "void" : encoding === "text" ? "string" : encoding === "binary" ? "Blob" : print(type!);
  if (method.pagination) {
    const items = print(method.pagination.itemType);
    return { returnType: `PagePromise<${page}, ${items}>`, generic: `${page}, ${items}` };
  }
  return { returnType: `ApiPromise<${page}>`, generic: page };
}

/** The object-literal member that implements one method through the runtime. */
function implementation(
  method: PlanMethod,
  generic: string,
  client: PlanClient,
  types: ReadonlyMap<string, PlanType>,
  helpers: Set<string>,
  printSecurity: (security: PlanMethod["security"]) => string,
): string {
  const keys = paramsKeys(method);
  const access = method.params?.optional ? "params?." : "params.";
  const members = (method.params?.members ?? []).map((member, index) => ({ member, value: `${access}${keys[index]}` }));
  const of = (location: PlanParam["location"]) => members.filter(({ member }) => member.location === location && !member.managed);
  const fields: string[] = [`route: ${JSON.stringify(`${method.http.method} ${method.http.path}`)}`];
  if (method.http.server) fields.push(`server: ${JSON.stringify(method.http.server)}`);
  const path = method.arguments.filter((argument) => argument.target.location === "path");
  if (path.length > 0) fields.push(`pathParams: { ${path.map((argument) => member(wireOf(argument), naming.value(argument.name))).join(", ")} }`);
  const styles = queryStyles(method, types, helpers);
  const query = of("query").map(({ member, value }) => {
    const style = styles.get(member.wireName);
    // The styles that make several parameters of one are spread into the query.
    if (style === "explodeQuery" || style === "deepObjectQuery") return `...${style}(${JSON.stringify(member.wireName)}, ${value})`;
    return `${propertyKey(member.wireName)}: ${style ? `${style}(${value})` : value}`;
  });
  // When the params are the query, as they are, key for key, they go as they are.
  const wholeQuery =
    styles.size === 0 &&
    members.length > 0 &&
    members.every(({ member }, index) => member.location === "query" && !member.managed && keys[index] === member.wireName);
  if (wholeQuery) fields.push("queryParams: params");
  else if (query.length > 0) fields.push(`queryParams: { ${query.join(", ")} }`);
  const headers = of("header").map(({ member, value }) => `${propertyKey(member.wireName)}: ${value}`);
  const key = members.find(({ member }) => member.managed === "idempotencyKey");
  if (key) {
    // The caller's key or a new one, made once per call: the runtime sends this request on every retry.
    helpers.add("idempotencyKey");
    headers.push(`${propertyKey(key.member.wireName)}: ${key.value} ?? idempotencyKey()`);
  }
  const cookies = of("cookie").map(({ member, value }) => `${propertyKey(member.wireName)}: ${value}`);
  if (cookies.length > 0) {
    helpers.add("cookies");
    headers.push(`Cookie: cookies({ ${cookies.join(", ")} })`);
  }
  if (headers.length > 0) fields.push(`headerParams: { ${headers.join(", ")} }`);
  for (const { member, value } of members) if (member.managed === "lastEventId") fields.push(`resumeAfterId: ${value}`);
  const body = bodyExpression(method, members);
  if (body) fields.push(`requestBody: ${body}`);
  const encoder = bodyEncoder(method, helpers);
  if (encoder) fields.push(`encodeBody: ${encoder}`);
  if (method.kind !== "stream" && method.success.encoding !== "json") {
    const decoder = { none: "emptyResponse", text: "textResponse", binary: "binaryResponse" }[method.success.encoding];
    helpers.add(decoder);
    fields.push(`decodeBody: ${decoder}`);
  }
  if (!sameSecurity(method.security, client)) fields.push(`security: ${printSecurity(method.security)}`);
  if (!method.repeatable) fields.push("repeatable: false");
  if (method.pagination) {
    const paging = method.pagination;
    fields.push(
      `paging: { cursorParam: ${JSON.stringify(paging.cursorParam)}, itemsOf: (page) => ${pageField(paging.itemsField)}, nextCursorOf: (page) => ${pageField(paging.nextCursorField)} }`,
    );
  }
  if (method.stream) {
    const { events: declared, yields } = method.stream;
    const events = declared.map((event) => {
      const decoder = `${event.encoding}Event`;
      helpers.add(decoder);
      if (yields === "tagged") helpers.add("taggedEvent");
      return `[${JSON.stringify(event.event)}, ${yields === "tagged" ? `taggedEvent(${decoder})` : decoder}${event.terminal ? ", true" : ""}]`;
    });
    if (yields !== "raw") fields.push(`declaredEvents: [${events.join(", ")}]`);
    if (method.stream.idleTimeoutMs) fields.push(`idleTimeoutMs: ${method.stream.idleTimeoutMs}`);
  }
  const args = [...method.arguments.map((argument) => naming.value(argument.name)), ...(method.params ? ["params"] : []), "requestOptions"];
  const call = method.kind === "stream" ? "streamRequest" : method.kind === "paginate" ? "paginateRequest" : "sendRequest";
  const descriptor = fields.map((field) => `          ${field},\n`).join("");
  return `    ${propertyKey(naming.value(method.name))}: (${args.join(", ")}) =>\n      client.${call}<${generic}>(\n        {\n${descriptor}        },\n        requestOptions,\n      ),\n`;
}

/** A page's field at a path, optional at every step: a page of another shape has no items and no next cursor, not a TypeError. */
function pageField(path: readonly string[]): string {
  return `page${path.map((field) => (isIdentifier(field) ? `?.${field}` : `?.[${JSON.stringify(field)}]`)).join("")}`;
}

function wireOf(argument: PlanMethod["arguments"][number]): string {
  return argument.target.location === "body" ? "body" : argument.target.wireName;
}

function bodyExpression(method: PlanMethod, members: readonly { member: PlanParam; value: string }[]): string | undefined {
  const whole = method.arguments.find((argument) => argument.target.location === "body");
  if (whole) return naming.value(whole.name);
  const fields = [
    ...method.arguments.filter((argument) => argument.target.location === "bodyField").map((argument) => member(wireOf(argument), naming.value(argument.name))),
    ...members.filter(({ member }) => member.location === "bodyField").map(({ member, value }) => `${propertyKey(member.wireName)}: ${value}`),
  ];
  return fields.length > 0 ? `{ ${fields.join(", ")} }` : undefined;
}

/** An object-literal member, in shorthand when the key and the variable agree. */
function member(key: string, variable: string): string {
  return key === variable ? key : `${propertyKey(key)}: ${variable}`;
}

/**
 * The style helper of each structured query parameter, by wire name. The
 * runtime itself spells scalars, and arrays in the default style (form,
 * exploded); everything else is spelled by a helper the generated code
 * applies, so bundles carry only the styles they use.
 */
function queryStyles(method: PlanMethod, types: ReadonlyMap<string, PlanType>, helpers: Set<string>): Map<string, string> {
  const styles = new Map<string, string>();
  for (const param of method.params?.members ?? []) {
    if (param.location !== "query" || param.managed) continue;
    const resolved = resolveType(param.type, types);
    // Scalars and enum values travel as they are.
    if (resolved.kind === "primitive" || resolved.kind === "literal" || resolved.kind === "enum") continue;
    const exploded = param.style === "form" && param.explode;
    if (exploded && resolved.kind === "array") continue;
    const style = exploded
      ? "explodeQuery"
      : param.style === "form"
        ? "commaQuery"
        : param.style === "spaceDelimited"
          ? "spaceQuery"
          : param.style === "pipeDelimited"
            ? "pipeQuery"
            : "deepObjectQuery";
    helpers.add(style);
    styles.set(param.wireName, style);
  }
  return styles;
}

/** The runtime encoder of a body that is not JSON. */
function bodyEncoder(method: PlanMethod, helpers: Set<string>): string | undefined {
  const body = method.body;
  if (!body || body.encoding === "json") return undefined;
  const helper = { text: "textBody", binary: "binaryBody", form: "formBody", multipart: "multipartBody" }[body.encoding];
  helpers.add(helper);
  return body.encoding === "text" || body.encoding === "binary" ? `${helper}(${JSON.stringify(body.contentType)})` : helper;
}
