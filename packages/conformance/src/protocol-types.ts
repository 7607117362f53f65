// The shapes of the test-service protocol, as packages/conformance/README.md defines them.
import type { Conversation, Message } from "@expys/sandbox";

export type { Conversation, Message };

/** The error kinds a service reports. */
export type ErrorKind = "api" | "connection" | "timeout" | "cancelled" | "invalid" | "other";

/** An error the SDK threw, as the service reports it. */
export interface ErrorReport {
  kind: ErrorKind;
  status?: number;
  code?: string;
  requestId?: string;
  retryable?: boolean;
  message: string;
  name?: string;
}

/** What a call did. */
export type CallOutcome<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorReport };

/** `GET /`. */
export interface ServiceInfo {
  sdk: string;
  sdkVersion: string;
  capabilities: string[];
  runtime?: string;
}

/** `GET /clients/{id}`: what a client still has running. */
export interface ClientState {
  id: string;
  openConnections: number;
  timers: number;
  streams: number;
  calls: number;
}

/** `POST /clients`. */
export interface ClientOptions {
  baseUrl: string;
  token?: string;
  tokenUrl?: string;
  maxRetries?: number;
  timeoutMs?: number;
}

/** The operations and their params and results. */
export interface Operations {
  listConversations: { params: { externalUserID?: string }; result: { conversations: Conversation[] } };
  listMessages: {
    params: { conversationId: string; limit?: number; cursor?: string; externalUserID?: string };
    result: { messages: Message[]; nextCursor: string | null };
  };
  sendMessage: { params: { conversationId: string; message: string; idempotencyKey?: string; externalUserID?: string }; result: { ok: boolean } };
  listAllMessages: { params: { conversationId: string; limit?: number; externalUserID?: string }; result: Message[] };
}

/** `POST /clients/{id}/streams`. */
export interface StreamParams {
  conversationId: string;
  lastEventID?: string;
  externalUserID?: string;
}
