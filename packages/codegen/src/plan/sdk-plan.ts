/**
 * The SDK plan: every decision about an SDK that is not a language's syntax,
 * made once from the model and printed by each emitter. Plain data
 * (JSON-serialisable, no classes, no functions), so it can be snapshot-tested
 * and read by tools other than the emitters (the docs site reads it too).
 *
 * What the plan decides, and emitters do not: which clients exist and which
 * operations and credentials each has; every method's name, its arguments in
 * order and the role of each; which parameters the runtime manages; how the
 * request body is assembled; which response is the result, and its type;
 * pagination and streaming roles; a unique name for every type, inline ones
 * included; and the API's own facts that runtimes act on. What emitters decide:
 * casing, escaping, reserved words, type syntax, doc-comment syntax, file layout.
 *
 * Names are words in the spelling the document used (`externalUserID` is
 * `["external", "User", "ID"]`), unique within their scope whatever the casing
 * (type names across the whole plan, method names within a client, argument
 * and member names within a method).
 */
import type { BodyEncoding, Constraints, EnumMember, JsonValue, Name, ParameterLocation, ResponseHeader } from "../model/api-model.ts";

export type { BodyEncoding, Constraints, EnumMember, JsonValue, Name, ParameterLocation, ResponseHeader };

/** The version of this format; it changes when a field changes meaning. */
export const planFormat = 1;

/** A scalar: JSON's string, integer, number or boolean, refined by `format` (`int64`, `date-time`, `binary`...). */
export interface PlanPrimitive {
  kind: "primitive";
  type: "string" | "integer" | "number" | "boolean";
  format?: string;
  constraints?: Constraints;
  nullable?: true;
}

/** A use of a named type of the plan, by id. */
export interface PlanRef {
  kind: "ref";
  id: string;
  nullable?: true;
}

/** A list. */
export interface PlanArray {
  kind: "array";
  items: PlanTypeRef;
  constraints?: Constraints;
  nullable?: true;
}

/** A string-keyed dictionary. */
export interface PlanMap {
  kind: "map";
  values: PlanTypeRef;
  nullable?: true;
}

/**
 * A fixed value (a `const`, such as a discriminator's tag) or a closed set of
 * booleans. Closed sets of strings or numbers are named enums instead.
 */
export interface PlanLiteral {
  kind: "literal";
  values: readonly (string | number | boolean)[];
  nullable?: true;
}

/** Any JSON value. */
export interface PlanUnknown {
  kind: "unknown";
  nullable?: true;
}

/**
 * A use of a type. Objects, unions and enums never appear here inline: each
 * is a named {@link PlanType}, referred to by id, so every language has a name
 * for it. `nullable` is about the value; optionality belongs to the property,
 * parameter or argument.
 */
export type PlanTypeRef = PlanPrimitive | PlanRef | PlanArray | PlanMap | PlanLiteral | PlanUnknown;

/** A property of an object type. */
export interface PlanProperty {
  name: Name;
  wireName: string;
  type: PlanTypeRef;
  /** Whether it must be present. Independent of `type.nullable`. */
  required: boolean;
  default?: JsonValue;
  doc?: string;
  deprecated?: true;
  readOnly?: true;
  writeOnly?: true;
}

/**
 * Where a named type came from: a component schema of the document, or an
 * inline schema the plan named after where it appears (`path` says where, for
 * example `["Issue", "user"]` or `["listIssues", "state"]`). A structural
 * language may print an inline type at its use rather than by its name.
 */
export type PlanTypeOrigin = { kind: "schema" } | { kind: "inline"; path: readonly string[] };

interface PlanTypeCommon {
  id: string;
  name: Name;
  origin: PlanTypeOrigin;
  doc?: string;
  deprecated?: true;
}

/** A named type. */
export type PlanType =
  | (PlanTypeCommon & {
      kind: "object";
      properties: readonly PlanProperty[];
      /** The type of properties beyond the declared ones; absent when none are allowed or said. */
      additionalProperties?: PlanTypeRef;
    })
  | (PlanTypeCommon & { kind: "enum"; base: "string" | "integer" | "number"; members: readonly EnumMember[] })
  | (PlanTypeCommon & {
      kind: "union";
      variants: readonly PlanTypeRef[];
      /** The property whose value tells the variants apart, and which value means which type id. */
      discriminator?: { property: string; mapping: Readonly<Record<string, string>> };
    })
  | (PlanTypeCommon & { kind: "alias"; type: PlanTypeRef });

/** A deployment of the API. */
export interface PlanEnvironment {
  name: Name;
  url: string;
  doc?: string;
}

/** A documented error code. */
export interface PlanErrorCode {
  code: string;
  /** The HTTP status it comes with. */
  status: number;
  /** Whether repeating the identical request can succeed. */
  retryable: boolean;
  doc?: string;
}

/**
 * The API's own facts that SDK runtimes act on. Runtimes know none of them:
 * generated metadata hands each one over.
 */
export interface ApiFacts {
  /** The error taxonomy, in document order; empty when the API documents none. */
  errorCodes: readonly PlanErrorCode[];
  /** The named enum of the codes, when the document declares one. */
  errorCodeType?: string;
  /** The code that means "the bearer token expired: get a fresh one and repeat the request". */
  refreshCredentialCode?: string;
  /** The code that means "a request with this idempotency key is still running: wait, then repeat it". */
  retryInFlightCode?: string;
  /** The response header with the server's id for the request; results and errors carry its value. */
  requestIdHeader?: string;
  /** The request header in which an SDK identifies itself, as `<package>/<version>`. */
  clientHeader?: string;
}

/** A credential a client's factory takes, and the security schemes it satisfies. */
export interface PlanCredential {
  /** The option's name: `token` for bearer tokens, the scheme's name for API keys, `basicAuth`. */
  name: Name;
  kind: "bearer" | "apiKey" | "basic";
  schemes: readonly {
    id: string;
    /** For API keys: where the key travels, and under which name. */
    location?: "header" | "query" | "cookie";
    wireName?: string;
  }[];
  /** Whether every method of the client needs it. */
  required: boolean;
  /** A bearer token may be a provider, asked again when the API reports it expired. */
  refreshable: boolean;
  /** A long-lived secret (API key, password): it must never ship in an app. */
  secret: boolean;
  doc: string;
}

/** A positional argument of a method. */
export interface PlanArgument {
  name: Name;
  type: PlanTypeRef;
  optional: boolean;
  doc?: string;
  /** Where the value goes: a path parameter, one field of the body, or the whole body. */
  target: { location: "path"; wireName: string } | { location: "bodyField"; wireName: string } | { location: "body" };
}

/** A member of a method's params group: a query, header or cookie parameter, or a body field not taken positionally. */
export interface PlanParam {
  name: Name;
  wireName: string;
  location: Exclude<ParameterLocation, "path"> | "bodyField";
  type: PlanTypeRef;
  required: boolean;
  default?: JsonValue;
  doc?: string;
  deprecated?: true;
  /** How a query value is spelled (OpenAPI `style` and `explode`); only for query parameters. */
  style?: "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";
  explode?: boolean;
  /**
   * A header the runtime fills in when the caller leaves it out: an
   * idempotency key (one per call, reused on its retries) or the stream's
   * resume id (`Last-Event-ID`, tracked across reconnects).
   */
  managed?: "idempotencyKey" | "lastEventId";
}

/** How the request body is assembled. */
export interface PlanRequestBody {
  contentType: string;
  encoding: BodyEncoding;
  required: boolean;
  type: PlanTypeRef;
  /** `argument`: one argument is the whole body; `fields`: an object built from positional and params members with `location: "bodyField"`. */
  from: "argument" | "fields";
  doc?: string;
}

/** The answer that is the method's result. */
export interface PlanSuccess {
  status: string;
  /** `none`: no body (or one the method ignores); the result is empty. */
  encoding: "json" | "text" | "binary" | "none";
  /** The body's type; absent when `encoding` is `none`. */
  type?: PlanTypeRef;
  headers: readonly ResponseHeader[];
  doc?: string;
}

/** An error answer an operation declares. */
export interface PlanErrorResponse {
  /** A status code, a range such as `4XX`, or `default`. */
  status: string;
  type?: PlanTypeRef;
  /** The documented codes that come with this status. */
  codes: readonly string[];
  doc?: string;
}

/** Cursor pagination: where the cursor goes, and where the items and next cursor are. */
export interface PlanPagination {
  /** The wire name of the query parameter carrying the cursor, and its params member. */
  cursorParam: string;
  /** The page-size query parameter, when there is one. */
  pageSizeParam?: string;
  /** Field paths inside the success body. */
  itemsField: readonly string[];
  nextCursorField: readonly string[];
  /** The type of one item. */
  itemType: PlanTypeRef;
  /**
   * Names for walking every page, for languages where one call cannot be both
   * the page and the walk (a Kotlin `Flow`, a Swift `AsyncSequence`): `items`
   * for every item of every page (`listAllMessages`), `pages` for every page
   * (`listMessagesPages`). Unique among the client's method names. Languages whose
   * paginated method is itself iterable (TypeScript) ignore them.
   */
  walk: { items: Name; pages: Name };
}

/** A stream's event type. */
export interface PlanStreamEvent {
  event: string;
  encoding: "json" | "text";
  type: PlanTypeRef;
  /** Receiving it ends the stream. */
  terminal: boolean;
  doc?: string;
}

/** A Server-Sent Events operation. */
export interface PlanStream {
  protocol: "sse";
  events: readonly PlanStreamEvent[];
  /**
   * What the stream yields: `data`, the one event type's data; `tagged`,
   * `{ event, data }` for several types; `raw`, the events as parsed, when
   * the document names none.
   */
  yields: "data" | "tagged" | "raw";
  /**
   * For `tagged`: a type name unique in the plan for what the stream yields
   * (one value per event type), for languages that declare that type
   * (a Swift enum, a Kotlin sealed class) rather than print it structurally.
   */
  taggedName?: Name;
  /** The server's heartbeat interval, when the document states it. */
  heartbeatMs?: number;
  /**
   * How long a silence means the connection is dead and must be resumed:
   * three missed heartbeats. Absent (no idle timeout) when the document states
   * no heartbeat.
   */
  idleTimeoutMs?: number;
}

/** One SDK method: one operation. */
export interface PlanMethod {
  /** The operation's id in the document (its operationId, else `METHOD /path`). */
  operationId: string;
  name: Name;
  summary?: string;
  doc?: string;
  deprecated?: true;
  /** The document's tags, for grouping in docs. */
  tags: readonly string[];
  http: {
    method: "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
    /** The path template, such as `/v1/conversations/{id}/messages`. */
    path: string;
    /** A server of the operation's own, overriding the client's base URL. */
    server?: string;
  };
  /** `request`: one answer; `paginate`: a page that leads to the next; `stream`: events. */
  kind: "request" | "paginate" | "stream";
  /** Positional arguments, in order: path parameters (in path order), then body fields or the whole body. */
  arguments: readonly PlanArgument[];
  /**
   * The group after the positional arguments: every other parameter, by
   * name. `name` is a type name unique in the plan, for languages that make
   * the group an object; `optional` when no member is required. Per-call
   * options always come after it.
   */
  params?: { name: Name; optional: boolean; members: readonly PlanParam[] };
  body?: PlanRequestBody;
  /** The first 2xx answer with a body, else the first 2xx answer. */
  success: PlanSuccess;
  errors: readonly PlanErrorResponse[];
  /** Alternatives, each a set of scheme ids that must all be satisfied; `[]` means no credential. */
  security: readonly (readonly string[])[];
  /** A write that takes an idempotency key in this header. */
  idempotency?: { header: string };
  /**
   * Whether repeating the request cannot apply it twice, so that a retry
   * after a lost answer is safe: its method is idempotent (RFC 9110 §9.2.2:
   * every method but POST and PATCH), or it takes an idempotency key.
   */
  repeatable: boolean;
  pagination?: PlanPagination;
  stream?: PlanStream;
}

/** One client: a factory, its options and its methods. */
export interface PlanClient {
  /**
   * `app`: the client for apps and browsers (bearer tokens); `server`: the
   * operations only a secret credential can call, kept apart so that a secret
   * never ships in an app and app bundles leave them out.
   */
  role: "app" | "server";
  /** The client's type name. */
  name: Name;
  /** The factory (or constructor) that makes it, and the name of its options type. */
  factory: Name;
  optionsName: Name;
  doc: string;
  credentials: readonly PlanCredential[];
  /** The security most of its methods use; a method's own `security` may differ. */
  defaultSecurity: readonly (readonly string[])[];
  methods: readonly PlanMethod[];
}

/** The whole plan. */
export interface SdkPlan {
  format: typeof planFormat;
  api: { title: string; version: string; doc?: string; sourceHash: string };
  /** The SDK's name: the first word of the API's title (`Expys`). */
  sdkName: Name;
  environments: readonly PlanEnvironment[];
  /** The environment used when the caller names none: the only one, when there is one; else the caller must choose. */
  defaultEnvironment?: Name;
  facts: ApiFacts;
  /** Every named type: the document's own, then those the plan named. */
  types: readonly PlanType[];
  clients: readonly PlanClient[];
}
