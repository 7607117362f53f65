import { propertiesOf } from "../../plan/queries.ts";
import type { PlanArgument, PlanClient, PlanCredential, PlanMethod, PlanParam, PlanProperty, PlanTypeRef, SdkPlan } from "../../plan/sdk-plan.ts";
import { kdoc } from "./kdoc.ts";
import { camelCase, constantCase, naming, stringLiteral } from "./kotlin-names.ts";
import { isString, type KotlinContext, printType, serializerOf } from "./print-type.ts";
import { fileWith } from "./types-file.ts";

/** One parameter of a generated Kotlin function: its declaration, and how a call passes it on. */
interface KotlinParam {
  name: string;
  declaration: string;
  doc?: string | undefined;
}

/** The runtime's names for OpenAPI query styles. */
const queryStyles: Record<string, string> = { form: "COMMA", spaceDelimited: "SPACE", pipeDelimited: "PIPE" };

/** `ExpysClient.kt` and the like: one class per client of the plan. */
export function clientFile(plan: SdkPlan, client: PlanClient, packageName: string, context: KotlinContext): string {
  const imports = context.imports;
  for (const name of ["ApiRuntime", "CallArgs", "CredentialSpec", "Operation"]) imports.add(`com.expys.sdk.runtime.${name}`);
  const className = naming.type(client.name);
  const methods = client.methods.map((method) => methodOf(method, client.defaultSecurity, context));
  const body = `${kdoc("", [client.doc])}public class ${className} private constructor(private val runtime: ApiRuntime) : AutoCloseable {
${constructors(plan, client)}
    /** The same methods, each answering with the [ApiResponse] its result came from: the request id, status and headers. */
    public val withResponse: WithResponse = WithResponse()
${methods.map((method) => method.plain).join("")}
    /** Ends every call and stream of this client in flight, and releases its connections. */
    override fun close(): Unit = runtime.close()

    /** [${className}]'s methods, each answering with the [ApiResponse] its result came from. */
    public inner class WithResponse internal constructor() {
${methods
  .map((method) => method.withResponse)
  .filter(Boolean)
  .join("\n")}    }

    private companion object {
${methods.map((method) => method.operation).join("")}
        fun runtimeOf(credentials: Map<String, CredentialSpec?>, baseUrl: String, options: ClientOptions): ApiRuntime =
            ApiRuntime(baseUrl, apiFacts, options, credentials, ${securityOf(client.defaultSecurity)})
    }
}
`;
  return fileWith(packageName, imports, body);
}

function securityOf(security: readonly (readonly string[])[]): string {
  return `listOf(${security.map((alternative) => `listOf(${alternative.map(stringLiteral).join(", ")})`).join(", ")})`;
}

/**
 * The public constructors: the credentials, then where to connect, then options. A
 * refreshable bearer token gets a second constructor that takes a provider in its place.
 */
function constructors(plan: SdkPlan, client: PlanClient): string {
  const environment = plan.defaultEnvironment ? `environment: Environment = Environment.${constantCase(plan.defaultEnvironment)}` : "environment: Environment";
  const variants: { credentials: KotlinParam[]; specs: string[] }[] = [{ credentials: [], specs: [] }];
  for (const credential of client.credentials) {
    const next: typeof variants = [];
    for (const variant of variants) {
      for (const option of credentialOptions(credential)) {
        next.push({ credentials: [...variant.credentials, option.param], specs: [...variant.specs, ...option.specs] });
      }
    }
    variants.splice(0, variants.length, ...next);
  }
  return variants
    .map(({ credentials, specs }) => {
      const params = [
        ...credentials,
        { name: "environment", declaration: environment, doc: "which deployment of the API to call." },
        {
          name: "baseUrl",
          declaration: "baseUrl: String? = null",
          doc: "calls this URL instead of the environment's, such as a proxy or a sandbox on another port.",
        },
        { name: "options", declaration: "options: ClientOptions = ClientOptions()", doc: "retries, timeouts, logging and the HTTP client." },
      ];
      const doc = kdoc(
        "    ",
        [`Creates the client. It holds no connection until the first call: make one and share it.`],
        params.map((param) => `@param ${param.name} ${param.doc ?? ""}`.trimEnd()),
      );
      return `${doc}    public constructor(
${params.map((param) => `        ${param.declaration},\n`).join("")}    ) : this(runtimeOf(mapOf(${specs.join(", ")}), baseUrl ?: environment.url, options))
`;
    })
    .join("\n");
}

/** The ways a constructor can take one credential, each with the runtime credentials it makes. */
function credentialOptions(credential: PlanCredential): { param: KotlinParam; specs: string[] }[] {
  const name = naming.value(credential.name);
  const optional = credential.required ? "" : "? = null";
  const doc = credential.doc.replace(/\s+/g, " ").trim();
  const specOf = (scheme: PlanCredential["schemes"][number], value: string): string =>
    credential.kind === "bearer"
      ? `CredentialSpec.Bearer(${value}, null)`
      : credential.kind === "basic"
        ? `CredentialSpec.Basic(${value}.username, ${value}.password)`
        : `CredentialSpec.ApiKeyHeader(${stringLiteral(scheme.wireName ?? "")}, ${value})`;
  const each = (value: string) =>
    credential.schemes.map(
      (scheme) => `${stringLiteral(scheme.id)} to ${credential.required ? specOf(scheme, value) : `${value}?.let { ${specOf(scheme, "it")} }`}`,
    );
  const type = credential.kind === "basic" ? "BasicAuth" : "String";
  const options = [{ param: { name, declaration: `${name}: ${type}${optional}`, doc }, specs: each(name) }];
  if (credential.kind === "bearer" && credential.refreshable) {
    const provider = `${camelCase(credential.name)}Provider`;
    options.push({
      param: {
        name: provider,
        declaration: `${provider}: (suspend () -> String)${optional}`,
        doc: `asked for the token: once, and again, once for all calls in flight, each time the API says the token expired. ${doc}`,
      },
      specs: credential.schemes.map(
        (scheme) =>
          `${stringLiteral(scheme.id)} to ${credential.required ? `CredentialSpec.Bearer(null, ${provider})` : `${provider}?.let { CredentialSpec.Bearer(null, it) }`}`,
      ),
    });
  }
  return options;
}

interface PrintedMethod {
  plain: string;
  withResponse: string;
  operation: string;
}

function methodOf(method: PlanMethod, defaultSecurity: PlanClient["defaultSecurity"], context: KotlinContext): PrintedMethod {
  const name = naming.value(method.name);
  const constant = constantCase(method.name);
  const args = method.arguments.map((argument) => argumentParam(argument, context));
  const members = (method.params?.members ?? []).map((member) => memberParam(member, context));
  const options: KotlinParam = { name: "options", declaration: "options: RequestOptions? = null", doc: "per-call timeout, retries and headers." };
  const params = [...args, ...members];
  const result = resultType(method, context);
  const http = `\`${method.http.method} ${method.http.path}\``;
  const docOf = (extra: readonly KotlinParam[], more: readonly string[] = []) =>
    kdoc(
      "    ",
      [method.summary, method.doc, http, ...more],
      [...params, ...extra].filter((param) => param.doc).map((param) => `@param ${param.name} ${param.doc}`),
    );
  const deprecated = method.deprecated ? `    @Deprecated("deprecated by the API")\n` : "";
  const callArgs = callArgsOf(method, context);
  if (method.kind === "stream") {
    context.imports.add("com.expys.sdk.runtime.stream");
    context.imports.add("kotlinx.coroutines.flow.Flow");
    const lastEventId = method.params?.members.find((member) => member.managed === "lastEventId");
    const resume = lastEventId ? naming.value(lastEventId.name) : "null";
    const plain = `
${docOf([], ["A cold flow: each collector opens its own connection, resumes after a lost one with `Last-Event-ID`, and closes it when its collection ends (cancelled, `take(n)`, or its scope ended)."])}${deprecated}    public fun ${name}(${params.map((param) => param.declaration).join(", ")}): Flow<${result}> =
        runtime.stream(${constant}, ${callArgs}, ${resume})
`;
    return { plain, withResponse: "", operation: operationOf(method, constant, defaultSecurity, context, result) };
  }
  const declaration = [...params, options].map((param) => param.declaration).join(", ");
  const forward = [...params, options].map((param) => param.name).join(", ");
  let plain = `
${docOf([options])}${deprecated}    public suspend fun ${name}(${declaration}): ${result} =
        withResponse.${name}(${forward}).data
`;
  if (method.kind === "paginate" && method.pagination) plain += walks(method, params, options, context);
  const withResponse = `${kdoc("        ", [`See [${name}].`])}${deprecated.replace("    ", "        ")}        public suspend fun ${name}(${declaration}): ApiResponse<${result}> =
            runtime.call(${constant}, ${callArgs}, options)
`;
  return { plain, withResponse, operation: operationOf(method, constant, defaultSecurity, context, result) };
}

/** Every page, and every item, of a paginated method, as flows; the cursor is the walk's to manage. */
function walks(method: PlanMethod, params: readonly KotlinParam[], options: KotlinParam, context: KotlinContext): string {
  const paging = method.pagination!;
  context.imports.add("com.expys.sdk.runtime.pages");
  context.imports.add("com.expys.sdk.runtime.items");
  context.imports.add("kotlinx.coroutines.flow.Flow");
  const cursor = method.params?.members.find((member) => member.location === "query" && member.wireName === paging.cursorParam);
  const walkParams = [...params.filter((param) => !cursor || param.name !== naming.value(cursor.name)), options];
  const declaration = walkParams.map((param) => param.declaration).join(", ");
  const forward = walkParams.map((param) => param.name).join(", ");
  const name = naming.value(method.name);
  const pagesName = naming.value(paging.walk.pages);
  const page = printType(method.success.type!, context);
  const callArgs = callArgsOf(method, context, cursor);
  return `
${kdoc(
  "    ",
  [`Every page of [${name}], the first one first, each fetched when the collector asks for it, until the last.`],
  walkParams.filter((param) => param.doc).map((param) => `@param ${param.name} ${param.doc}`),
)}    public fun ${pagesName}(${declaration}): Flow<${page}> =
        runtime.pages(${constantCase(method.name)}, ${callArgs}, ${stringLiteral(paging.cursorParam)}, { ${accessPath("it", paging.nextCursorField, method.success.type!, context)} }, options)

${kdoc(
  "    ",
  [`Every item of every page of [${name}], in order, fetching pages as the collector goes.`],
  walkParams.filter((param) => param.doc).map((param) => `@param ${param.name} ${param.doc}`),
)}    public fun ${naming.value(paging.walk.items)}(${declaration}): Flow<${printType(paging.itemType, context)}> =
        ${pagesName}(${forward}).items { ${accessPath("it", paging.itemsField, method.success.type!, context)}${itemsFallback(paging.itemsField, method.success.type!, context)} }
`;
}

/** A property path through generated data classes, safe-called where a step may be null. */
function accessPath(root: string, path: readonly string[], type: PlanTypeRef, context: KotlinContext): string {
  let expression = root;
  let current: PlanTypeRef | undefined = type;
  let maybeNull = false;
  for (const wireName of path) {
    const property: PlanProperty | undefined = current ? propertiesOf(current, context.types)?.find((candidate) => candidate.wireName === wireName) : undefined;
    if (!property) throw new Error(`no field ${wireName} on the way to ${path.join(".")}`);
    expression += `${maybeNull ? "?." : "."}${naming.value(property.name)}`;
    maybeNull = maybeNull || !property.required || Boolean(property.type.nullable);
    current = property.type;
  }
  return expression;
}

function itemsFallback(path: readonly string[], type: PlanTypeRef, context: KotlinContext): string {
  let current: PlanTypeRef | undefined = type;
  for (const wireName of path) {
    const property: PlanProperty | undefined = current ? propertiesOf(current, context.types)?.find((candidate) => candidate.wireName === wireName) : undefined;
    if (!property) return "";
    if (!property.required || property.type.nullable) return " ?: emptyList()";
    current = property.type;
  }
  return "";
}

function resultType(method: PlanMethod, context: KotlinContext): string {
  if (method.kind === "stream") {
    const stream = method.stream!;
    if (stream.yields === "data") return printType(stream.events[0]!.type, context).replace(/\?$/, "");
    context.imports.add("com.expys.sdk.sse.ServerSentEvent");
    return "ServerSentEvent";
  }
  if (method.success.encoding === "none" || !method.success.type) return "Unit";
  if (method.success.encoding === "binary") throw new Error(`${method.operationId}: the Kotlin SDK does not read binary answers yet`);
  return printType(method.success.type, context);
}

function operationOf(method: PlanMethod, constant: string, defaultSecurity: PlanClient["defaultSecurity"], context: KotlinContext, result: string): string {
  const named: string[] = [];
  if (method.idempotency) named.push(`idempotencyHeader = ${stringLiteral(method.idempotency.header)}`);
  if (!method.repeatable) named.push("repeatable = false");
  if (JSON.stringify(method.security) !== JSON.stringify(defaultSecurity)) named.push(`security = ${securityOf(method.security)}`);
  if (method.kind === "stream") {
    context.imports.add("com.expys.sdk.runtime.StreamEvent");
    const stream = method.stream!;
    const events = stream.events.map(
      (event) =>
        `${stringLiteral(event.event)} to StreamEvent(${event.encoding === "json" ? serializerOf(event.type, context) : "null"}${event.terminal ? ", terminal = true" : ""})`,
    );
    if (stream.yields === "data") named.push(`events = mapOf(${events.join(", ")})`);
    const lastEventId = method.params?.members.find((member) => member.managed === "lastEventId");
    if (lastEventId) named.push(`lastEventIdHeader = ${stringLiteral(lastEventId.wireName)}`);
    if (stream.idleTimeoutMs) {
      context.imports.add("kotlin.time.Duration.Companion.milliseconds");
      named.push(`idleTimeout = ${stream.idleTimeoutMs}.milliseconds`);
    }
    return `        val ${constant} = Operation<${result}>(${[stringLiteral(method.http.method), stringLiteral(method.http.path), "null", ...named].join(", ")})\n`;
  }
  const response = method.success.encoding === "json" && method.success.type ? serializerOf(method.success.type, context) : "null";
  if (method.success.encoding === "text") named.push("textResponse = true");
  return `        val ${constant} = Operation<${result}>(${[stringLiteral(method.http.method), stringLiteral(method.http.path), response, ...named].join(", ")})\n`;
}

function argumentParam(argument: PlanArgument, context: KotlinContext): KotlinParam {
  const name = naming.value(argument.name);
  const type = printType(argument.type, context);
  const declaration = argument.optional ? `${name}: ${type.endsWith("?") ? type : `${type}?`} = null` : `${name}: ${type}`;
  return { name, declaration, doc: argument.doc?.replace(/\s+/g, " ").trim() };
}

function memberParam(member: PlanParam, context: KotlinContext): KotlinParam {
  const name = naming.value(member.name);
  const type = printType(member.type, context);
  const declaration = member.required ? `${name}: ${type}` : `${name}: ${type.endsWith("?") ? type : `${type}?`} = null`;
  return { name, declaration, doc: member.doc?.replace(/\s+/g, " ").trim() };
}

/** The runtime's `CallArgs` for one call, from the method's arguments and params; `without` leaves a member out. */
function callArgsOf(method: PlanMethod, context: KotlinContext, without?: PlanParam): string {
  const entries: string[] = [];
  const path = method.arguments.filter((argument) => argument.target.location === "path");
  if (path.length) {
    entries.push(
      `pathParams = mapOf(${path
        .map((argument) => {
          const value = naming.value(argument.name);
          return `${stringLiteral((argument.target as { wireName: string }).wireName)} to ${isString(argument.type, context) ? value : `${value}.toString()`}`;
        })
        .join(", ")})`,
    );
  }
  const members = (method.params?.members ?? []).filter((member) => member !== without);
  const query = members.filter((member) => member.location === "query");
  if (query.length) {
    context.imports.add("com.expys.sdk.runtime.QueryValue");
    entries.push(`query = listOf(${query.map((member) => queryValue(member, context)).join(", ")})`);
  }
  if (members.some((member) => member.location === "cookie")) throw new Error(`${method.operationId}: the Kotlin SDK does not send cookie parameters yet`);
  const headers = members.filter((member) => member.location === "header" && !member.managed);
  if (headers.length) {
    entries.push(
      `headers = mapOf(${headers.map((member) => `${stringLiteral(member.wireName)} to ${naming.value(member.name)}${isString(member.type, context) ? "" : "?.toString()"}`).join(", ")})`,
    );
  }
  if (method.body) entries.push(`body = ${bodyOf(method, context)}`);
  if (method.body && method.body.contentType !== "application/json") entries.push(`contentType = ${stringLiteral(method.body.contentType)}`);
  const key = members.find((member) => member.managed === "idempotencyKey");
  if (key) entries.push(`idempotencyKey = ${naming.value(key.name)}`);
  return entries.length ? `CallArgs(${entries.join(", ")})` : "CallArgs()";
}

function queryValue(member: PlanParam, context: KotlinContext): string {
  const value = naming.value(member.name);
  const wire = stringLiteral(member.wireName);
  if (member.type.kind !== "array") return `QueryValue(${wire}, ${value})`;
  if (member.style === "deepObject") throw new Error(`${member.wireName}: the Kotlin SDK does not send deepObject query parameters yet`);
  const style = member.explode === false || member.style !== "form" ? queryStyles[member.style ?? "form"] : undefined;
  context.imports.add("com.expys.sdk.runtime.QueryStyle");
  return `QueryValue(${wire}, ${value}?.map { it.toString() }${style ? `, QueryStyle.${style}` : ""})`;
}

/** The request body: one argument as the whole body, or the body type built from its fields. */
function bodyOf(method: PlanMethod, context: KotlinContext): string {
  const body = method.body!;
  if (body.encoding === "text" && body.from === "argument") {
    const argument = method.arguments.find((candidate) => candidate.target.location === "body")!;
    const value = naming.value(argument.name);
    return isString(argument.type, context) ? value : `${value}${argument.optional ? "?" : ""}.toString()`;
  }
  if (body.encoding !== "json") throw new Error(`${method.operationId}: the Kotlin SDK sends JSON and text bodies only, not ${body.encoding}`);
  const serializer = serializerOf(nonNull(body.type), context);
  if (body.from === "argument") {
    const argument = method.arguments.find((candidate) => candidate.target.location === "body")!;
    const value = naming.value(argument.name);
    return argument.optional ? `${value}?.let { runtime.encode(${serializer}, it) }` : `runtime.encode(${serializer}, ${value})`;
  }
  const properties = propertiesOf(body.type, context.types) ?? [];
  const fields = [
    ...method.arguments
      .filter((argument) => argument.target.location === "bodyField")
      .map((argument) => ({ wireName: (argument.target as { wireName: string }).wireName, value: naming.value(argument.name) })),
    ...(method.params?.members ?? [])
      .filter((member) => member.location === "bodyField")
      .map((member) => ({ wireName: member.wireName, value: naming.value(member.name) })),
  ];
  const assignments = fields.map((field) => {
    const property = properties.find((candidate) => candidate.wireName === field.wireName);
    if (!property) throw new Error(`${method.operationId}: the body has no field ${field.wireName}`);
    return `${naming.value(property.name)} = ${field.value}`;
  });
  return `runtime.encode(${serializer}, ${printType(nonNull(body.type), context)}(${assignments.join(", ")}))`;
}

/** A method's declaration as a user reads it, without doc comments (for the docs). */
export function signatureOf(method: PlanMethod, context: KotlinContext): string {
  const params = [
    ...method.arguments.map((argument) => argumentParam(argument, context)),
    ...(method.params?.members ?? []).map((member) => memberParam(member, context)),
  ];
  const result = resultType(method, context);
  if (method.kind === "stream") return `fun ${naming.value(method.name)}(${params.map((param) => param.declaration).join(", ")}): Flow<${result}>`;
  return `suspend fun ${naming.value(method.name)}(${[...params.map((param) => param.declaration), "options: RequestOptions? = null"].join(", ")}): ${result}`;
}

/** The same use of a type, not nullable. */
function nonNull(ref: PlanTypeRef): PlanTypeRef {
  const { nullable: _, ...rest } = ref;
  return rest as PlanTypeRef;
}
