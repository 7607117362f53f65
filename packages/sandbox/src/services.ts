import type { CredentialCheck } from "./authenticate.ts";
import type { ConciergeAgent } from "./concierge-agent.ts";
import type { ConversationStore } from "./conversation-store.ts";
import type { CursorCodec } from "./cursor.ts";
import type { EventStream } from "./event-stream.ts";
import type { FaultInjector } from "./faults.ts";
import type { IdempotencyStore } from "./idempotency-store.ts";
import type { RequestValidator } from "./request-validator.ts";
import type { Router } from "./router.ts";
import type { ResolvedOptions } from "./sandbox-options.ts";
import type { Timers } from "./timers.ts";
import type { TokenIssuer } from "./token-issuer.ts";

/** Everything one sandbox instance shares between its request pipeline, its operations and its owner. */
export interface Services {
  readonly options: ResolvedOptions;
  readonly router: Router;
  readonly validator: RequestValidator;
  /** `Access-Control-Allow-Headers` for preflights. */
  readonly allowedHeaders: string;
  readonly store: ConversationStore;
  readonly tokens: TokenIssuer;
  /** What credentials are checked against: the organisation's key and the token issuer. */
  readonly credentials: CredentialCheck;
  readonly cursors: CursorCodec;
  readonly idempotency: IdempotencyStore;
  readonly faults: FaultInjector;
  readonly agent: ConciergeAgent;
  readonly timers: Timers;
  /** The open event streams, ended by `close()`. */
  readonly streams: Set<EventStream>;
  /** Set by `close()`: new requests get `service_unavailable`. */
  closing: boolean;
}
