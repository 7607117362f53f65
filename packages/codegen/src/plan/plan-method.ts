import type { Operation, Parameter, RequestBody } from "../model/api-model.ts";
import { NameScope } from "./names.ts";
import { fieldType, propertiesOf, successResponse } from "./queries.ts";
import type { ApiFacts, PlanArgument, PlanErrorResponse, PlanMethod, PlanParam, PlanRequestBody, PlanStream, PlanSuccess } from "./sdk-plan.ts";
import type { TypePlanner } from "./type-planner.ts";

/** Three missed heartbeats mean the connection is dead: one late heartbeat is not. */
const missedHeartbeats = 3;

/**
 * Plans one method. Arguments: path parameters first (in path order), then
 * the body fields the spec marks positional, or the whole body when it marks
 * none; everything else goes into one params group, by name; per-call options
 * come last. Arguments and params members share one name scope, because some
 * languages pass them all as parameters of one function.
 */
export function planMethod(operation: Operation, name: PlanMethod["name"], types: TypePlanner, facts: ApiFacts): PlanMethod {
  const method = name.join("");
  const names = new NameScope();
  const args: PlanArgument[] = pathParametersInOrder(operation).map((parameter) => ({
    name: names.take(parameter.name, ["path"]),
    type: types.ref(parameter.type, [method, parameter.wireName]),
    optional: false,
    ...docOf(parameter.doc),
    target: { location: "path", wireName: parameter.wireName },
  }));
  const members: PlanParam[] = [];
  const body = operation.requestBody && planBody(operation.requestBody, method, types);
  if (operation.requestBody && body) {
    for (const field of bodyFields(operation.requestBody, body, types)) {
      const positional = operation.requestBody.positional.includes(field.wireName);
      const common = { name: names.take(field.name, ["field"]), type: field.type, ...docOf(field.doc) };
      if (positional) args.push({ ...common, optional: false, target: { location: "bodyField", wireName: field.wireName } });
      else members.push({ ...common, wireName: field.wireName, location: "bodyField", required: field.required, ...flags(field) });
    }
    if (body.from === "argument") {
      args.push({
        name: names.take(["body"]),
        type: body.type,
        optional: !body.required,
        ...docOf(operation.requestBody.doc),
        target: { location: "body" },
      });
    }
  }
  for (const parameter of operation.parameters.filter((candidate) => candidate.location !== "path")) {
    members.push(paramOf(operation, parameter, names.take(parameter.name, ["param"]), types.ref(parameter.type, [method, parameter.wireName])));
  }
  const kind = operation.stream ? "stream" : operation.pagination ? "paginate" : "request";
  const success = planSuccess(operation, method, types);
  return {
    operationId: operation.id,
    name,
    ...(operation.summary ? { summary: operation.summary } : {}),
    ...docOf(operation.doc),
    ...(operation.deprecated ? { deprecated: true as const } : {}),
    tags: operation.tags,
    http: {
      method: operation.method.toUpperCase() as PlanMethod["http"]["method"],
      path: operation.path,
      ...(operation.server ? { server: operation.server } : {}),
    },
    kind,
    arguments: args,
    ...(members.length > 0 ? { params: { name: types.takeName([method, "Params"]), optional: members.every((member) => !member.required), members } } : {}),
    ...(body ? { body } : {}),
    success,
    errors: planErrors(operation, method, types, facts),
    security: operation.security,
    ...(operation.idempotency ? { idempotency: operation.idempotency } : {}),
    repeatable: Boolean(operation.idempotency) || (operation.method !== "post" && operation.method !== "patch"),
    ...(operation.pagination ? { pagination: planPagination(operation, success, types) } : {}),
    ...(operation.stream ? { stream: planStream(operation, method, types) } : {}),
  };
}

function docOf(doc: string | undefined): { doc?: string } {
  return doc ? { doc } : {};
}

function flags(source: { deprecated?: true; default?: PlanParam["default"] }): Pick<PlanParam, "deprecated" | "default"> {
  return { ...(source.default !== undefined ? { default: source.default } : {}), ...(source.deprecated ? { deprecated: true as const } : {}) };
}

function pathParametersInOrder(operation: Operation): Parameter[] {
  const names = new Set([...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]));
  return [...names].flatMap((name) => operation.parameters.filter((parameter) => parameter.location === "path" && parameter.wireName === name));
}

function paramOf(operation: Operation, parameter: Parameter, name: PlanParam["name"], type: PlanParam["type"]): PlanParam {
  const header = parameter.wireName.toLowerCase();
  const managed =
    parameter.location === "header" && header === operation.idempotency?.header.toLowerCase()
      ? "idempotencyKey"
      : parameter.location === "header" && operation.stream && header === operation.stream.resumeHeader?.toLowerCase()
        ? "lastEventId"
        : undefined;
  return {
    name,
    wireName: parameter.wireName,
    location: parameter.location as PlanParam["location"],
    type,
    required: parameter.required,
    ...flags(parameter),
    ...docOf(parameter.doc),
    ...(parameter.location === "query" ? { style: parameter.style as PlanParam["style"] & string, explode: parameter.explode } : {}),
    ...(managed ? { managed } : {}),
  };
}

function planBody(body: RequestBody, method: string, types: TypePlanner): PlanRequestBody {
  return {
    contentType: body.contentType,
    encoding: body.encoding,
    required: body.required,
    type: types.ref(body.type, [method, "Body"]),
    from: body.positional.length > 0 ? "fields" : "argument",
    ...docOf(body.doc),
  };
}

/** The body's fields, when they are taken one by one (positional fields named); none when the body is one argument. */
function bodyFields(declared: RequestBody, body: PlanRequestBody, types: TypePlanner) {
  if (body.from === "argument") return [];
  const fields = propertiesOf(body.type, types.byId);
  if (!fields) throw new Error(`positional fields ${declared.positional.join(", ")} of a body that is not an object`);
  const positional = declared.positional.map((wireName) => {
    const field = fields.find((property) => property.wireName === wireName);
    if (!field) throw new Error(`positional field ${wireName} is not in the body`);
    return field;
  });
  return [...positional, ...fields.filter((field) => !declared.positional.includes(field.wireName))];
}

function planSuccess(operation: Operation, method: string, types: TypePlanner): PlanSuccess {
  const response = successResponse(operation);
  const body = operation.stream ? undefined : response?.body;
  return {
    status: response?.status ?? "200",
    encoding: body ? (body.encoding === "json" || body.encoding === "text" || body.encoding === "binary" ? body.encoding : "binary") : "none",
    ...(body ? { type: types.ref(body.type, [method, "Response"]) } : {}),
    headers: response?.headers ?? [],
    ...docOf(response?.doc),
  };
}

function planErrors(operation: Operation, method: string, types: TypePlanner, facts: ApiFacts): PlanErrorResponse[] {
  return operation.responses
    .filter((response) => !response.status.startsWith("2"))
    .map((response) => ({
      status: response.status,
      ...(response.body ? { type: types.ref(response.body.type, [method, "Error", response.status]) } : {}),
      codes: facts.errorCodes.filter((code) => statusMatches(response.status, code.status)).map((code) => code.code),
      ...docOf(response.doc),
    }));
}

/** `404` matches 404; a range such as `4XX` matches its hundred; `default` matches nothing in particular. */
function statusMatches(declared: string, status: number): boolean {
  if (/^\dXX$/i.test(declared)) return declared[0] === String(status)[0];
  return declared === String(status);
}

function planPagination(operation: Operation, success: PlanSuccess, types: TypePlanner) {
  const paging = operation.pagination!;
  const items = fieldType(success.type, paging.itemsField, types.byId);
  if (items?.kind !== "array") throw new Error(`${operation.id}: the paged items field is not an array`);
  return {
    cursorParam: paging.cursorParam,
    ...(paging.pageSizeParam ? { pageSizeParam: paging.pageSizeParam } : {}),
    itemsField: paging.itemsField,
    nextCursorField: paging.nextCursorField,
    itemType: items.items,
    // Named by the client, which knows every method name (see buildPlan).
    walk: { items: [], pages: [] },
  };
}

function planStream(operation: Operation, method: string, types: TypePlanner): PlanStream {
  const stream = operation.stream!;
  const heartbeatMs = stream.heartbeatSeconds ? stream.heartbeatSeconds * 1000 : undefined;
  return {
    protocol: "sse",
    events: stream.events.map((event) => ({
      event: event.event,
      encoding: event.encoding,
      type: types.ref(event.type, [method, event.event, "Event"]),
      terminal: event.terminal,
      ...docOf(event.doc),
    })),
    yields: stream.events.length === 0 ? "raw" : stream.events.length === 1 ? "data" : "tagged",
    ...(stream.events.length > 1 ? { taggedName: types.takeName([method, "Event"]) } : {}),
    ...(heartbeatMs ? { heartbeatMs, idleTimeoutMs: heartbeatMs * missedHeartbeats } : {}),
  };
}
