import type { Credential } from "./credentials.ts";
import type { BodyDecoder } from "./decode-body.ts";
import type { BodyEncoder } from "./encode-body.ts";
import type { EventDecoder } from "./event-decoders.ts";

/**
 * A security requirement: alternatives, each the credentials it needs
 * (`undefined` for one whose option was left out). The first alternative
 * whose credentials are all there is used; `[]` needs none.
 */
export type Security = readonly (readonly (Credential | undefined)[])[];

/**
 * What a generated method asks the runtime to send. Generated code builds these
 * from the spec; everything optional has the common default, and what only some
 * APIs need (other body encodings, query styles, event decoders) is passed in
 * or applied as a function, so bundles without it do not carry it.
 */
export interface OperationRequest {
  /**
   * The method and the path template, as the spec writes them and as messages
   * name the operation: `"GET /v1/conversations/{id}/messages"`.
   */
  route: string;
  /** A server of the operation's own, overriding the client's base URL (resolved against it when relative). */
  server?: string;
  pathParams?: Readonly<Record<string, unknown>>;
  queryParams?: object | undefined;
  headerParams?: Readonly<Record<string, unknown>>;
  requestBody?: unknown;
  /** How to encode `requestBody`; absent means JSON. */
  encodeBody?: BodyEncoder;
  /** How to read a successful answer's body; absent means JSON. */
  decodeBody?: BodyDecoder;
  /** Overrides the client's default security requirement. */
  security?: Security;
  /**
   * `false` for a request that repeating could apply twice (a POST or PATCH
   * without an idempotency key: the plan decides), which is then retried only
   * when the server cannot have acted on it. Generated code puts a write's
   * idempotency key in `headerParams` (the caller's, or a new one per call, see
   * `idempotencyKey`): a call sends one request object, so every retry
   * carries the same key.
   */
  repeatable?: false;
}

/**
 * A cursor-paginated operation whose pages are `Page` and hold `Item`s. Generated
 * code reads a page's items and next cursor with functions of its own, typed by
 * the page, so the runtime has no field paths to walk.
 */
export interface PagedRequest<Page = unknown, Item = unknown> extends OperationRequest {
  paging: {
    /** The query parameter that takes the cursor. */
    cursorParam: string;
    /** The page's items (absent on a page without any). */
    itemsOf: (page: Page) => readonly Item[] | undefined;
    /** The cursor of the next page (absent or null on the last page). */
    nextCursorOf: (page: Page) => unknown;
  };
}

/** A Server-Sent Events operation. */
export interface StreamRequest extends OperationRequest {
  /**
   * Its event types, as `[name, decode, terminal?]`: what each event's data
   * becomes (see `jsonEvent`), and whether receiving it ends the stream.
   * Events of other types are skipped, so a server can add types without
   * breaking the SDK; absent, every event is yielded as parsed.
   */
  declaredEvents?: readonly (readonly [name: string, decode: EventDecoder, terminal?: true])[];
  /** The id to resume after (sent as `Last-Event-ID`, then tracked across reconnects). */
  resumeAfterId?: unknown;
  /** How long a silence, in ms, means the connection is dead and is resumed (from the API's heartbeat interval). */
  idleTimeoutMs?: number;
}
