import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { answerClientError } from "./answer-client-error.ts";
import type { Conversation, Message } from "./api-types.ts";
import { ConciergeAgent, conciergeAuthorID } from "./concierge-agent.ts";
import { ConversationStore, toConversation } from "./conversation-store.ts";
import { allowedRequestHeaders } from "./cors.ts";
import { CursorCodec } from "./cursor.ts";
import { demoMemberID, seedDemo } from "./demo-seed.ts";
import { FaultInjector, type SandboxFaults } from "./faults.ts";
import { api } from "./generated/api.ts";
import { createRequestListener } from "./handle-request.ts";
import { IdempotencyStore } from "./idempotency-store.ts";
import { operationHandlers } from "./operations/operation-handlers.ts";
import { createRandom } from "./random.ts";
import { RequestValidator } from "./request-validator.ts";
import { Router } from "./router.ts";
import { resolveOptions, type SandboxOptions } from "./sandbox-options.ts";
import type { Services } from "./services.ts";
import { Signer } from "./signer.ts";
import { Timers } from "./timers.ts";
import { TokenIssuer } from "./token-issuer.ts";

/** Options of `sandbox.mintToken`. */
export interface MintTokenOptions {
  /** The member to mint a member token for; omit it for a machine token. */
  externalUserID?: string | undefined;
  /** The token's lifetime. Default: the sandbox's `tokenTtlMs`. */
  ttlMs?: number | undefined;
}

/** Options of `sandbox.createConversation`. */
export interface CreateConversationOptions {
  /** The conversation's kind. Default `"support"`. */
  type?: string | undefined;
  /** Its title; `null` for an untitled conversation. Default `null`. */
  title?: string | null | undefined;
  /**
   * How many messages to fill it with, alternating between the member and the
   * concierge, one minute apart and ending now, with bodies `"Message 1"`,
   * `"Message 2"`, ... oldest first. Default 0.
   */
  messages?: number | undefined;
}

/** Reads the sandbox's store directly, so a test can check exactly what was written without paginating. */
export interface SandboxInspector {
  /** A member's conversations, in the order `listConversations` returns them. */
  conversations(externalUserID: string): Conversation[];
  /** Every message of a conversation, oldest first. Throws a `RangeError` for an unknown conversation. */
  messages(conversationId: string): Message[];
  /** How many event streams are open, on one conversation or in all. */
  openStreams(conversationId?: string): number;
}

/** A running sandbox: the seeded demo member's credentials, test controls, and `close()`. */
export interface Sandbox {
  /** The server's base URL, such as `http://127.0.0.1:4010`. */
  readonly baseUrl: string;
  /** The organisation key `POST /v1/auth/exchange` accepts. */
  readonly orgApiKey: string;
  /** The seeded demo member's id (`"demo-member"`). */
  readonly externalUserID: string;
  /** A member token for the demo member, valid for `tokenTtlMs`. */
  readonly memberToken: string;
  /** The demo member's long conversation, the most recently active one. */
  readonly conversationId: string;
  /** Fault injection, which no client request can switch on. */
  readonly faults: SandboxFaults;
  /** Direct reads of the store. */
  readonly inspect: SandboxInspector;
  /** Mints a bearer token without HTTP: a member token with `externalUserID`, a machine token without. */
  mintToken(options?: MintTokenOptions): string;
  /** Adds a conversation for any member, for isolation and pagination tests. */
  createConversation(externalUserID: string, options?: CreateConversationOptions): Conversation;
  /** Posts a message as the concierge (`authorID: "concierge"`); open streams receive it at once. */
  postAsAgent(conversationId: string, body: string | null): Message;
  /**
   * Stops the server gracefully: ends open streams, closes keep-alive
   * connections and cancels every timer, leaving nothing running. Idempotent.
   */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Closes the server, nudging idle connections shut until it is; after `graceMs`, closes the rest. */
function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const nudge = setInterval(() => server.closeIdleConnections(), 10);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(nudge);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** The organisation key's header and the route that takes it, for the hints of the other routes. */
function keyExchange(operations: typeof api.operations): { apiKeyHeader: string; exchangeRoute: string } {
  const exchange = operations.find((operation) => operation.credential.kind === "apiKey");
  if (exchange?.credential.kind !== "apiKey") throw new Error("the spec has no route that takes the organisation's key");
  return { apiKeyHeader: exchange.credential.header, exchangeRoute: `${exchange.method} ${exchange.path}` };
}

function createServices(options: SandboxOptions): Services {
  const resolved = resolveOptions(options);
  const { operations } = api;
  const missing = operations.filter((operation) => !(operation.id in operationHandlers)).map(({ id }) => id);
  if (missing.length > 0) throw new Error(`the sandbox has no handler for ${missing.join(", ")}`);
  const timers = new Timers();
  const store = new ConversationStore(createRandom(resolved.seed));
  const signer = new Signer();
  const tokens = new TokenIssuer(signer);
  return {
    options: resolved,
    router: new Router(operations),
    validator: new RequestValidator(api),
    allowedHeaders: allowedRequestHeaders(operations),
    store,
    tokens,
    credentials: { orgApiKey: resolved.orgApiKey, tokens, ...keyExchange(operations) },
    cursors: new CursorCodec(signer),
    idempotency: new IdempotencyStore(),
    faults: new FaultInjector(
      createRandom(`${resolved.seed}:faults`),
      operations.map(({ id }) => id),
    ),
    agent: new ConciergeAgent(store, createRandom(`${resolved.seed}:agent`), timers, resolved.agent),
    timers,
    streams: new Set(),
    closing: false,
  };
}

/**
 * Starts a sandbox: a real HTTP server implementing every route of the
 * Expys concierge API over an in-memory store seeded with a demo member.
 * Resolves once it is listening.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const services = createServices(options);
  const { store, tokens, timers } = services;
  const { host, tokenTtlMs } = services.options;
  const conversationId = seedDemo(store, createRandom(`${services.options.seed}:demo`));
  const { headersTimeoutMs, maxHeaderBytes } = services.options;
  const server = createServer(
    {
      noDelay: true,
      maxHeaderSize: maxHeaderBytes,
      headersTimeout: headersTimeoutMs,
      // The body's deadline is the sandbox's own (bodyTimeoutMs, answered 408 as JSON); Node's would only cut the socket.
      requestTimeout: 0,
      // Node checks the header deadline on this interval: often enough to keep it close, at most once a second.
      connectionsCheckingInterval: Math.min(1000, Math.max(10, Math.floor(headersTimeoutMs / 4))),
    },
    createRequestListener(services),
  );
  server.on("clientError", answerClientError);
  let address: AddressInfo;
  try {
    address = await listen(server, services.options.port, host);
  } catch (error) {
    services.agent.stop();
    timers.clear();
    throw error;
  }

  let closed: Promise<void> | undefined;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    baseUrl: `http://${urlHost}:${address.port}`,
    orgApiKey: services.options.orgApiKey,
    externalUserID: demoMemberID,
    memberToken: tokens.mint(demoMemberID, tokenTtlMs).token,
    conversationId,
    faults: services.faults,
    inspect: {
      conversations: (externalUserID) => store.list(externalUserID).map(toConversation),
      messages: (id) => {
        const conversation = store.get(id);
        if (!conversation) throw new RangeError(`no conversation ${id}`);
        return [...conversation.messages];
      },
      openStreams: (id) => [...services.streams].filter((stream) => id === undefined || stream.conversationId === id).length,
    },
    mintToken: ({ externalUserID, ttlMs = tokenTtlMs } = {}) => {
      if (externalUserID !== undefined) services.validator.checkMemberId(externalUserID, "mintToken");
      return tokens.mint(externalUserID, ttlMs).token;
    },
    createConversation: (externalUserID, { type = "support", title = null, messages = 0 } = {}) => {
      if (typeof externalUserID !== "string" || externalUserID === "") {
        throw new TypeError("createConversation needs the externalUserID of the member to own it");
      }
      services.validator.checkMemberId(externalUserID, "createConversation");
      const conversation = store.create(externalUserID, type, title);
      const now = Date.now();
      for (let index = 0; index < messages; index += 1) {
        store.post(conversation.id, {
          authorID: index % 2 === 0 ? externalUserID : conciergeAuthorID,
          body: `Message ${index + 1}`,
          createdAt: new Date(now - (messages - 1 - index) * 60_000),
        });
      }
      return toConversation(conversation);
    },
    postAsAgent: (id, body) => {
      if (!store.get(id)) throw new RangeError(`no conversation ${id}`);
      return store.post(id, { authorID: conciergeAuthorID, body });
    },
    close: () => {
      closed ??= (async () => {
        services.closing = true;
        services.agent.stop();
        timers.clear();
        for (const stream of services.streams) stream.end();
        await closeServer(server, 1000);
      })();
      return closed;
    },
  };
}
