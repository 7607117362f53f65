import type { ApiModel, AuthScheme, Operation, TypeRef } from "../../model/api-model.ts";
import type { MethodPlan, PositionalArgument } from "./method-plan.ts";
import { printType, type PrintContext } from "./print-type.ts";
import { docComment } from "./ts-docs.ts";
import { camelCase, propertyKey, variableName } from "./ts-names.ts";

/** One generated client: a factory, its options type and its interface. */
export interface ClientShape {
  factory: string;
  interfaceName: string;
  optionsName: string;
  doc: string;
  plans: readonly MethodPlan[];
}

/** A credential option of a client's factory, and the schemes it feeds. */
interface CredentialOption {
  key: string;
  type: string;
  doc: string;
  required: boolean;
  schemes: readonly AuthScheme[];
}

/** A client module: its interface, its options and its factory. */
export function clientFile(model: ApiModel, shape: ClientShape, typeNames: ReadonlyMap<string, string>, runtimeImport: string): string {
  const context: PrintContext = { typeNames, indent: "  " };
  const credentials = credentialOptions(model, shape.plans);
  const usedTypes = new Set<string>();
  const track = (type: TypeRef): string => {
    collectRefs(type, usedTypes);
    return printType(type, context);
  };
  const defaultSecurity = mostCommonSecurity(shape.plans.map((plan) => plan.operation));
  const signatures = shape.plans.map((plan) => signature(plan, track));
  const helpers = new Set<string>();
  const implementations = shape.plans.map((plan, index) => implementation(plan, signatures[index]!.returnGeneric, defaultSecurity, helpers));
  const paramsTypes = shape.plans.flatMap((plan) => [
    ...(plan.params ? [plan.params.typeName] : []),
    ...plan.positional.flatMap((argument) => (argument.typeName ? [argument.typeName] : [])),
  ]);
  const typeImports = [...[...usedTypes].map((id) => typeNames.get(id)!), ...paramsTypes].sort();
  const auth = credentials.flatMap((option) => option.schemes.map((scheme) => `      ${propertyKey(scheme.id)}: ${authEntry(scheme, option.key, helpers)},\n`));
  const runtimeNames = ["createClient", ...[...helpers].sort(), "type ClientOptions", "type RequestOptions", ...runtimeTypesUsed(shape.plans, credentials)];
  return [
    `import { ${runtimeNames.join(", ")} } from ${JSON.stringify(runtimeImport)};\n`,
    `import { environments${model.errors ? ", errorCodes" : ""}${model.environments.length > 0 ? ", type Environment" : ""} } from "./metadata.ts";\n`,
    typeImports.length > 0 ? `import type { ${typeImports.join(", ")} } from "./types.ts";\n` : "",
    "\n",
    `${docComment("", shape.doc)}export interface ${shape.interfaceName} {\n${signatures.map((entry) => entry.text).join("\n")}}\n\n`,
    `${docComment("", `Options of \`${shape.factory}\`.`)}export interface ${shape.optionsName} extends ClientOptions {\n`,
    environmentOption(model),
    credentials
      .map((option) => `${docComment("  ", option.doc)}  ${option.key}${option.required ? "" : "?"}: ${option.type}${option.required ? "" : " | undefined"};\n`)
      .join(""),
    "}\n\n",
    `${docComment("", `Creates the \`${shape.interfaceName}\`. It holds no connection: create it once and reuse it.`, `@param options - Where to connect and how to authenticate; see {@link ${shape.optionsName}}.`)}`,
    `export function ${shape.factory}(options: ${shape.optionsName}): ${shape.interfaceName} {\n`,
    `  const client = createClient(options, {\n    environments,\n${model.errors ? "    errorCodes,\n" : ""}    auth: {\n${auth.join("")}    },\n    security: ${JSON.stringify(defaultSecurity)},\n  });\n`,
    `  return {\n${implementations.join("")}  };\n}\n`,
  ].join("");
}

function environmentOption(model: ApiModel): string {
  if (model.environments.length === 0) {
    return `${docComment("  ", "The URL of the API.")}  baseUrl: string;\n`;
  }
  const single = model.environments.length === 1;
  const list = model.environments.map((environment) => `- \`${camelCase(environment.name)}\`: ${environment.url}`).join("\n");
  return [
    docComment("  ", "Which deployment of the API to call.", list, single ? "Defaults to the only one." : undefined),
    `  environment${single ? "?" : ""}: Environment${single ? " | undefined" : ""};\n`,
    docComment("  ", "Calls this URL instead of the environment's, for example a proxy or a sandbox on another port."),
    "  baseUrl?: string | undefined;\n",
  ].join("");
}

function credentialOptions(model: ApiModel, plans: readonly MethodPlan[]): CredentialOption[] {
  const used = new Set(plans.flatMap((plan) => plan.operation.security.flat()));
  const options = new Map<string, CredentialOption>();
  for (const scheme of model.authSchemes.filter((candidate) => used.has(candidate.id))) {
    const option = credentialOptionOf(scheme);
    if (!option) continue;
    const existing = options.get(option.key);
    options.set(option.key, existing ? { ...existing, schemes: [...existing.schemes, scheme] } : option);
  }
  return [...options.values()].map((option) => ({
    ...option,
    required: plans.every(
      (plan) =>
        plan.operation.security.length > 0 && plan.operation.security.every((alternative) => option.schemes.some((scheme) => alternative.includes(scheme.id))),
    ),
  }));
}

function credentialOptionOf(scheme: AuthScheme): CredentialOption | undefined {
  switch (scheme.kind) {
    case "bearer":
      return {
        key: "token",
        type: "TokenSource",
        doc: `${scheme.doc ?? "The bearer token."}\n\nA string, or a function that returns one (it is asked again when the token expires).`,
        required: true,
        schemes: [scheme],
      };
    case "apiKey": {
      const words = scheme.name.at(-1)?.toLowerCase() === "auth" ? scheme.name.slice(0, -1) : scheme.name;
      return {
        key: variableName(words, "apiKey"),
        type: "string",
        doc: scheme.doc ?? `The API key sent as ${scheme.wireName}.`,
        required: true,
        schemes: [scheme],
      };
    }
    case "basic":
      return {
        key: "basicAuth",
        type: "{ username: string; password: string }",
        doc: scheme.doc ?? "HTTP basic credentials.",
        required: true,
        schemes: [scheme],
      };
    case "unsupported":
      return undefined;
  }
}

/** The runtime credential for one scheme, built from its option. */
function authEntry(scheme: AuthScheme, key: string, helpers: Set<string>): string {
  const helper = scheme.kind === "apiKey" ? "apiKeyAuth" : scheme.kind === "basic" ? "basicAuth" : "bearerAuth";
  helpers.add(helper);
  if (scheme.kind === "apiKey") return `apiKeyAuth(${JSON.stringify(scheme.location)}, ${JSON.stringify(scheme.wireName)}, options.${key})`;
  return `${helper}(options.${key})`;
}

function mostCommonSecurity(operations: readonly Operation[]): readonly (readonly string[])[] {
  const counts = new Map<string, number>();
  for (const operation of operations) {
    const key = JSON.stringify(operation.security);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [best] = [...counts.entries()].sort((left, right) => right[1] - left[1]);
  return best ? (JSON.parse(best[0]) as string[][]) : [];
}

function runtimeTypesUsed(plans: readonly MethodPlan[], credentials: readonly CredentialOption[]): string[] {
  const names = new Set<string>();
  for (const plan of plans) {
    if (plan.kind === "paginate") names.add("type PagePromise");
    else if (plan.kind === "request") names.add("type ApiPromise");
    else if (plan.operation.stream?.events.length === 0) names.add("type ServerSentEvent");
  }
  if (credentials.some((option) => option.type === "TokenSource")) names.add("type TokenSource");
  return [...names].sort();
}

/** The interface member of a method, and the type arguments its implementation passes. */
function signature(plan: MethodPlan, print: (type: TypeRef) => string): { text: string; returnGeneric: string } {
  const args = plan.positional.map((argument) => `${argument.variable}${argument.optional ? "?" : ""}: ${argument.typeName ?? print(argument.type)}`);
  if (plan.params) args.push(`params${plan.params.optional ? "?" : ""}: ${plan.params.typeName}`);
  args.push("requestOptions?: RequestOptions");
  const { returnType, returnGeneric } = returnTypeOf(plan, print);
  const operation = plan.operation;
  const paramDocs = [
    ...plan.positional.map((argument) => `@param ${argument.variable} - ${argumentDoc(argument)}`),
    ...(plan.params ? [`@param params - ${plan.params.members.map((member) => `\`${member.key}\``).join(", ")}; see {@link ${plan.params.typeName}}.`] : []),
    "@param requestOptions - Per-call options: an AbortSignal, a timeout, retries, extra headers.",
  ];
  const doc = docComment(
    "  ",
    operation.summary,
    operation.doc,
    `\`${operation.method.toUpperCase()} ${operation.path}\``,
    paramDocs.join("\n"),
    operation.deprecated ? "@deprecated" : undefined,
  );
  return { text: `${doc}  ${propertyKey(plan.method)}(${args.join(", ")}): ${returnType};\n`, returnGeneric };
}

function argumentDoc(argument: PositionalArgument): string {
  return (argument.doc ?? (argument.target.location === "body" ? "The request body." : "")).replace(/\s*\n\s*/g, " ");
}

function returnTypeOf(plan: MethodPlan, print: (type: TypeRef) => string): { returnType: string; returnGeneric: string } {
  const operation = plan.operation;
  if (plan.kind === "stream") {
    const events = operation.stream?.events ?? [];
    const [only] = events;
    const item =
      events.length === 0
        ? "ServerSentEvent"
        : events.length === 1 && only
          ? print(only.type)
          : events.map((event) => `{ event: ${JSON.stringify(event.event)}; data: ${print(event.type)} }`).join(" | ");
    return { returnType: `AsyncIterable<${item}>`, returnGeneric: item };
  }
  const body = successBody(operation);
  const page = body ? printBody(body, print) : "void";
  if (plan.kind === "paginate") {
    if (!plan.itemType) throw new Error(`${operation.id}: no item type for its pages`);
    const items = print(plan.itemType);
    return { returnType: `PagePromise<${page}, ${items}>`, returnGeneric: `${page}, ${items}` };
  }
  return { returnType: `ApiPromise<${page}>`, returnGeneric: page };
}

function successBody(operation: Operation) {
  return operation.responses.find((response) => response.status.startsWith("2") && response.body)?.body;
}

function printBody(body: NonNullable<ReturnType<typeof successBody>>, print: (type: TypeRef) => string): string {
  if (body.encoding === "text") return "string";
  if (body.encoding === "binary") return "Blob";
  return print(body.type);
}

/** Collects the ids of named types a type refers to. */
function collectRefs(type: TypeRef, into: Set<string>): void {
  switch (type.kind) {
    case "ref":
      into.add(type.id);
      return;
    case "array":
      collectRefs(type.items, into);
      return;
    case "map":
      collectRefs(type.values, into);
      return;
    case "union":
      for (const variant of type.variants) collectRefs(variant, into);
      return;
    case "object":
      for (const property of type.properties) collectRefs(property.type, into);
      if (type.additionalProperties) collectRefs(type.additionalProperties, into);
      return;
    default:
      return;
  }
}

/** The object-literal member that implements one method through the runtime. */
function implementation(plan: MethodPlan, generic: string, defaultSecurity: readonly (readonly string[])[], helpers: Set<string>): string {
  const operation = plan.operation;
  const params = plan.params;
  const access = params?.optional ? "params?." : "params.";
  const fields: string[] = [`method: ${JSON.stringify(operation.method.toUpperCase())}`, `path: ${JSON.stringify(operation.path)}`];
  if (operation.server) fields.push(`server: ${JSON.stringify(operation.server)}`);
  const path = plan.positional.filter((argument) => argument.target.location === "path");
  if (path.length > 0)
    fields.push(`pathParams: { ${path.map((argument) => member((argument.target as { wireName: string }).wireName, argument.variable)).join(", ")} }`);
  // The idempotency key and the stream's resume id have fields of their own: the runtime manages those headers.
  const special = (wireName: string): string | undefined => {
    const name = wireName.toLowerCase();
    if (name === operation.idempotency?.header.toLowerCase()) return "idempotencyKey";
    if (plan.kind === "stream" && name === operation.stream?.resumeHeader?.toLowerCase()) return "lastEventId";
    return undefined;
  };
  const entries = (location: string) =>
    (params?.members ?? [])
      .filter((member) => member.target.location === location && !special(member.target.wireName))
      .map((member) => `${propertyKey(member.target.wireName)}: ${access}${member.key}`);
  const query = entries("query");
  if (query.length > 0) fields.push(`query: { ${query.join(", ")} }`);
  const headers = entries("header");
  const cookies = entries("cookie");
  if (cookies.length > 0) {
    helpers.add("cookies");
    headers.push(`Cookie: cookies({ ${cookies.join(", ")} })`);
  }
  if (headers.length > 0) fields.push(`headers: { ${headers.join(", ")} }`);
  for (const member of params?.members ?? []) {
    const field = special(member.target.wireName);
    if (field && member.target.location === "header") fields.push(`${field}: ${access}${member.key}`);
  }
  const styles = queryStyles(operation, helpers);
  if (styles) fields.push(`queryStyles: ${styles}`);
  const body = bodyExpression(plan, access);
  if (body) fields.push(member("body", body));
  const encoder = bodyEncoder(operation, helpers);
  if (encoder) fields.push(`encodeBody: ${encoder}`);
  const response = successBody(operation);
  if (plan.kind !== "stream" && response?.encoding !== "json") {
    const decoder = !response ? "emptyResponse" : response.encoding === "text" ? "textResponse" : "binaryResponse";
    helpers.add(decoder);
    fields.push(`decodeBody: ${decoder}`);
  }
  if (JSON.stringify(operation.security) !== JSON.stringify(defaultSecurity)) fields.push(`security: ${JSON.stringify(operation.security)}`);
  if (operation.idempotency) fields.push(`idempotencyHeader: ${JSON.stringify(operation.idempotency.header)}`);
  if (plan.kind === "paginate" && operation.pagination) {
    const paging = operation.pagination;
    fields.push(
      `paging: { cursorParam: ${JSON.stringify(paging.cursorParam)}, itemsField: ${JSON.stringify(paging.itemsField)}, nextCursorField: ${JSON.stringify(paging.nextCursorField)} }`,
    );
  }
  if (plan.kind === "stream" && operation.stream) {
    const events = operation.stream.events.map(
      (event) => `[${JSON.stringify(event.event)}, ${JSON.stringify(event.encoding)}${event.terminal ? ", true" : ""}]`,
    );
    fields.push(`events: [${events.join(", ")}]`);
  }
  const args = [...plan.positional.map((argument) => argument.variable), ...(params ? ["params"] : []), "requestOptions"];
  const call = plan.kind === "stream" ? "stream" : plan.kind === "paginate" ? "paginate" : "request";
  const descriptor = fields.map((field) => `          ${field},\n`).join("");
  return `    ${propertyKey(plan.method)}: (${args.join(", ")}) =>\n      client.${call}<${generic}>(\n        {\n${descriptor}        },\n        requestOptions,\n      ),\n`;
}

function bodyExpression(plan: MethodPlan, access: string): string | undefined {
  const whole = plan.positional.find((argument) => argument.target.location === "body");
  if (whole) return whole.variable;
  const fields = [
    ...plan.positional
      .filter((argument) => argument.target.location === "bodyField")
      .map((argument) => member((argument.target as { wireName: string }).wireName, argument.variable)),
    ...(plan.params?.members
      .filter((member) => member.target.location === "bodyField")
      .map((member) => `${propertyKey(member.target.wireName)}: ${access}${member.key}`) ?? []),
  ];
  return fields.length > 0 ? `{ ${fields.join(", ")} }` : undefined;
}

/** An object-literal member, in shorthand when the key and the variable agree. */
function member(key: string, variable: string): string {
  return key === variable ? key : `${propertyKey(key)}: ${variable}`;
}

/**
 * How each structured query parameter is spelled, by wire name. The runtime
 * itself spells scalars, and arrays in the default style (form, exploded);
 * everything else names its style, so bundles carry only the styles they use.
 */
function queryStyles(operation: Operation, helpers: Set<string>): string | undefined {
  const entries = operation.parameters.flatMap((parameter) => {
    if (parameter.location !== "query" || isScalar(parameter.type)) return [];
    const exploded = parameter.style === "form" && parameter.explode;
    if (exploded && parameter.type.kind === "array") return [];
    const style = exploded
      ? "explodeQuery"
      : parameter.style === "form"
        ? "commaQuery"
        : parameter.style === "spaceDelimited"
          ? "spaceQuery"
          : parameter.style === "pipeDelimited"
            ? "pipeQuery"
            : "deepObjectQuery";
    helpers.add(style);
    return [`${propertyKey(parameter.wireName)}: ${style}`];
  });
  return entries.length > 0 ? `{ ${entries.join(", ")} }` : undefined;
}

/** The runtime encoder of a body that is not JSON. */
function bodyEncoder(operation: Operation, helpers: Set<string>): string | undefined {
  const body = operation.requestBody;
  if (!body || body.encoding === "json") return undefined;
  const helper = { text: "textBody", binary: "binaryBody", form: "formBody", multipart: "multipartBody" }[body.encoding];
  helpers.add(helper);
  return body.encoding === "text" || body.encoding === "binary" ? `${helper}(${JSON.stringify(body.contentType)})` : helper;
}

/** Strings, numbers, booleans and literals: values a query parameter carries as they are. */
function isScalar(type: TypeRef): boolean {
  return type.kind === "primitive" || type.kind === "literal";
}
