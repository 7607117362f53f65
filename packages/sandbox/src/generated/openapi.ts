// Generated from spec/openapi/openapi.json by packages/sandbox/scripts/generate.ts
// (npm run generate). Do not edit by hand.

export interface paths {
    "/v1/auth/exchange": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Exchange the organisation's `Org-API-Key` for a short-lived bearer token.
         *     Call this from your backend only, then hand the token to your app. With
         *     `externalUserID` it mints a member token; without it (or without a body), a
         *     machine token. Browsers are refused by default (no CORS), so the secret key
         *     cannot be used from a web page by mistake; a page that really holds it must
         *     opt in with the header `Expys-Dangerous-Direct-Browser-Access: true`.
         */
        post: operations["exchangeToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description List the member's conversations, most recently active first. */
        get: operations["listConversations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description List a conversation's messages, one page at a time. The first page holds the
         *     most recent messages; `nextCursor` leads to older ones. Within a page, messages
         *     are oldest first, so a page reads as a transcript.
         */
        get: operations["listMessages"];
        put?: never;
        /**
         * @description Post a message to a conversation as the member. Send an `Idempotency-Key` so
         *     that a retry after a lost response replays the first outcome instead of
         *     posting twice; the SDKs send one on every call.
         */
        post: operations["sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description Stream the conversation's new messages as Server-Sent Events, as they are
         *     posted. The connection stays open; the server sends a heartbeat comment at
         *     least every 15 seconds and a `retry` hint for reconnects. To read history, use
         *     `listMessages`; to continue after a disconnect, reconnect with
         *     `Last-Event-ID`: however many messages were missed, they are replayed in order,
         *     each once, before the stream goes live.
         *
         *     A stream lasts no longer than the bearer token it was opened with: when the
         *     token expires, the server ends the stream cleanly (after a comment saying so).
         *     Reconnect with a fresh token and `Last-Event-ID` to continue without a gap; a
         *     reconnect with the expired token is `token_expired`. Each member may hold a
         *     limited number of streams open at once; one more is `rate_limited` (429) with
         *     `Retry-After`.
         */
        get: operations["streamMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description What kind of bearer token was minted.
         * @enum {string}
         */
        TokenKind: "member" | "machine";
        /** @description A freshly minted bearer token and when it stops working. */
        TokenExchangeResponse: {
            /** @description The bearer token. Treat it as a secret. */
            token: string;
            /** @description Whether the token acts for one member or for any member. */
            kind: components["schemas"]["TokenKind"];
            /** @description The member a member token belongs to; `null` for a machine token. */
            externalUserID: string | null;
            /**
             * Format: date-time
             * @description When the token expires (ISO-8601, UTC). Fetch a new one before then.
             */
            expiresAt: string;
            /**
             * Format: int32
             * @description The token's lifetime in seconds, counted from when it was minted.
             */
            expiresIn: number;
        };
        /**
         * @description The stable, machine-readable reason a request failed. Branch on this, never on
         *     `message`. The set is closed: a new code only arrives with a new API version.
         * @enum {string}
         */
        ErrorCode: "invalid_request" | "unauthorized" | "token_expired" | "forbidden" | "not_found" | "method_not_allowed" | "request_timeout" | "idempotency_conflict" | "idempotency_in_progress" | "content_too_large" | "rate_limited" | "headers_too_large" | "internal_error" | "service_unavailable";
        /** @description The body of every error response. */
        ApiError: {
            /** @description Why the request failed, as a stable code. */
            code: components["schemas"]["ErrorCode"];
            /**
             * @description A human-readable explanation for developers and logs. The wording may change;
             *     it never contains credentials.
             */
            message: string;
            /**
             * @description Identifies this request in Expys's logs, equal to the `X-Request-Id`
             *     response header. Quote it when you contact support.
             */
            requestId: string;
            /**
             * @description Whether repeating the identical request can succeed, after waiting for
             *     `Retry-After` when the response has one.
             */
            retryable: boolean;
            /**
             * @description The request parameter or body field the error is about, by its wire name,
             *     when there is one (for example `limit` or `message`).
             */
            param?: string;
        };
        /** @description Asks for a bearer token. Unknown fields are refused (`invalid_request`), not ignored. */
        TokenExchangeRequest: {
            /**
             * @description Your own stable identifier for the member to mint a member token for. Omit it
             *     to mint a machine token. 1 to 128 characters, no control characters, and not
             *     `concierge` (the concierge's own `authorID`).
             */
            externalUserID?: string;
            /**
             * Format: int32
             * @description Requested lifetime in seconds. Defaults to 900 (15 minutes).
             */
            ttlSeconds?: number;
        };
        /** @description A thread between a member and the concierge. */
        Conversation: {
            /** @description The conversation id; pass it to `listMessages`, `sendMessage` and `streamMessages`. */
            id: string;
            /**
             * @description What kind of conversation this is, such as `support`, `booking` or
             *     `notifications`. New kinds may appear; treat an unknown kind like a generic
             *     thread.
             */
            type: string;
            /** @description A display title; `null` for an untitled thread. */
            title: string | null;
            /**
             * Format: date-time
             * @description When the most recent message was posted (ISO-8601, UTC); `null` while the conversation is empty.
             */
            lastMessageAt: string | null;
        };
        /** @description The member's conversations. */
        ListConversationsResponse: {
            /** @description The member's conversations, most recently active first; empty conversations last. */
            conversations: components["schemas"]["Conversation"][];
        };
        /** @description One message in a conversation. */
        Message: {
            /** @description The message id, unique within the API. */
            id: string;
            /**
             * @description What kind of message this is, such as `text` or `system`. New kinds may
             *     appear; show an unknown kind by its `body` when it has one.
             */
            type: string;
            /**
             * @description Who sent it: the member's `externalUserID` for their own messages, or an id
             *     of the concierge's. Compare it with the member's id to tell incoming from
             *     outgoing messages.
             */
            authorID: string;
            /** @description The message text; `null` for a message without text, such as a system event. */
            body: string | null;
            /**
             * Format: date-time
             * @description When the message was posted (ISO-8601, UTC).
             */
            createdAt: string;
        };
        /** @description One page of a conversation's messages. */
        ListMessagesResponse: {
            /** @description The messages of this page, oldest first. */
            messages: components["schemas"]["Message"][];
            /**
             * @description Pass this back as `cursor` to fetch the page of older messages; `null` once
             *     the beginning of the conversation is reached. An opaque string issued by the
             *     server: do not parse or build one.
             */
            nextCursor: string | null;
        };
        /** @description The outcome of a send. */
        SendMessageResponse: {
            /** @description `true` when the message was accepted. */
            ok: boolean;
        };
        /** @description A message to post. Unknown fields are refused (`invalid_request`), not ignored. */
        SendMessageRequest: {
            /** @description The message text. */
            message: string;
        };
    };
    responses: never;
    parameters: {
        /**
         * @description The member to act for, by your own id. Required with a machine token. With a
         *     member token it may be omitted; if given, it must be that member's id. The
         *     same rules as the id a member token is minted for: 1 to 128 characters, no
         *     control characters, not `concierge`.
         */
        ActingMember: string;
        /** @description The conversation id. */
        ConversationPath: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    exchangeToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["TokenExchangeRequest"];
            };
        };
        responses: {
            /** @description A successful response with a JSON body. */
            200: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenExchangeResponse"];
                };
            };
            /** @description `invalid_request`: the request is malformed or has an invalid parameter or field. */
            400: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `unauthorized` or `token_expired`: the credential is missing, invalid or expired. */
            401: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `forbidden`: the credential may not perform this request. */
            403: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `request_timeout`: the headers or the body arrived too slowly; nothing was done. */
            408: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `content_too_large`: the body is over the route's limit, or the route takes none. */
            413: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `rate_limited`: slow down and retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `headers_too_large`: the request's header section is over the server's limit. */
            431: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `internal_error`: an unexpected server failure; retrying may help. */
            500: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `service_unavailable`: temporarily unable to answer; retry later. */
            503: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    /**
                     * @description Seconds to wait before retrying. Absent when the outage has no known end;
                     *     back off then.
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    listConversations: {
        parameters: {
            query?: {
                /**
                 * @description The member to act for, by your own id. Required with a machine token. With a
                 *     member token it may be omitted; if given, it must be that member's id. The
                 *     same rules as the id a member token is minted for: 1 to 128 characters, no
                 *     control characters, not `concierge`.
                 */
                externalUserID?: components["parameters"]["ActingMember"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A successful response with a JSON body. */
            200: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListConversationsResponse"];
                };
            };
            /** @description `invalid_request`: the request is malformed or has an invalid parameter or field. */
            400: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `unauthorized` or `token_expired`: the credential is missing, invalid or expired. */
            401: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `forbidden`: the credential may not perform this request. */
            403: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `request_timeout`: the headers or the body arrived too slowly; nothing was done. */
            408: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `content_too_large`: the body is over the route's limit, or the route takes none. */
            413: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `rate_limited`: slow down and retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `headers_too_large`: the request's header section is over the server's limit. */
            431: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `internal_error`: an unexpected server failure; retrying may help. */
            500: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `service_unavailable`: temporarily unable to answer; retry later. */
            503: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    /**
                     * @description Seconds to wait before retrying. Absent when the outage has no known end;
                     *     back off then.
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    listMessages: {
        parameters: {
            query?: {
                /** @description How many messages per page, from 1 to 100. */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page. Omit it for the first page. Cursors
                 *     are opaque strings issued by the server for one conversation; any other
                 *     value, a cursor of another conversation included, is `invalid_request`.
                 */
                cursor?: string;
                /**
                 * @description The member to act for, by your own id. Required with a machine token. With a
                 *     member token it may be omitted; if given, it must be that member's id. The
                 *     same rules as the id a member token is minted for: 1 to 128 characters, no
                 *     control characters, not `concierge`.
                 */
                externalUserID?: components["parameters"]["ActingMember"];
            };
            header?: never;
            path: {
                /** @description The conversation id. */
                id: components["parameters"]["ConversationPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A successful response with a JSON body. */
            200: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListMessagesResponse"];
                };
            };
            /** @description `invalid_request`: the request is malformed or has an invalid parameter or field. */
            400: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `unauthorized` or `token_expired`: the credential is missing, invalid or expired. */
            401: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `forbidden`: the credential may not perform this request. */
            403: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `not_found`: no such resource visible to the caller. */
            404: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `request_timeout`: the headers or the body arrived too slowly; nothing was done. */
            408: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `content_too_large`: the body is over the route's limit, or the route takes none. */
            413: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `rate_limited`: slow down and retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `headers_too_large`: the request's header section is over the server's limit. */
            431: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `internal_error`: an unexpected server failure; retrying may help. */
            500: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `service_unavailable`: temporarily unable to answer; retry later. */
            503: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    /**
                     * @description Seconds to wait before retrying. Absent when the outage has no known end;
                     *     back off then.
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    sendMessage: {
        parameters: {
            query?: {
                /**
                 * @description The member to act for, by your own id. Required with a machine token. With a
                 *     member token it may be omitted; if given, it must be that member's id. The
                 *     same rules as the id a member token is minted for: 1 to 128 characters, no
                 *     control characters, not `concierge`.
                 */
                externalUserID?: components["parameters"]["ActingMember"];
            };
            header?: {
                /**
                 * @description A unique key for this logical send, such as a UUID. A repeat with the same key
                 *     and body replays the original response without posting again; the same key
                 *     with a different body is rejected with `idempotency_conflict`. Keys are
                 *     remembered for 24 hours.
                 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The conversation id. */
                id: components["parameters"]["ConversationPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessageRequest"];
            };
        };
        responses: {
            /** @description The message was accepted, now or by an earlier request with the same key. */
            200: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    /** @description `true` when this answer replays an earlier request with the same `Idempotency-Key`. */
                    "Idempotent-Replayed"?: boolean;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendMessageResponse"];
                };
            };
            /** @description `invalid_request`: the request is malformed or has an invalid parameter or field. */
            400: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `unauthorized` or `token_expired`: the credential is missing, invalid or expired. */
            401: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `forbidden`: the credential may not perform this request. */
            403: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `not_found`: no such resource visible to the caller. */
            404: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `request_timeout`: the headers or the body arrived too slowly; nothing was done. */
            408: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `idempotency_conflict` or `idempotency_in_progress`: the `Idempotency-Key` is in use. */
            409: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    /** @description With `idempotency_in_progress`: seconds to wait before retrying with the same key. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `content_too_large`: the body is over the route's limit, or the route takes none. */
            413: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `rate_limited`: slow down and retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `headers_too_large`: the request's header section is over the server's limit. */
            431: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `internal_error`: an unexpected server failure; retrying may help. */
            500: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `service_unavailable`: temporarily unable to answer; retry later. */
            503: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    /**
                     * @description Seconds to wait before retrying. Absent when the outage has no known end;
                     *     back off then.
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
    streamMessages: {
        parameters: {
            query?: {
                /**
                 * @description The member to act for, by your own id. Required with a machine token. With a
                 *     member token it may be omitted; if given, it must be that member's id. The
                 *     same rules as the id a member token is minted for: 1 to 128 characters, no
                 *     control characters, not `concierge`.
                 */
                externalUserID?: components["parameters"]["ActingMember"];
            };
            header?: {
                /**
                 * @description The id of the last event received, exactly as the server sent it: an opaque
                 *     string, never built by the client. The stream first replays every message
                 *     posted after it, then continues live. An id this conversation's stream never
                 *     sent is `invalid_request`; an empty one means "start live".
                 */
                "Last-Event-ID"?: string;
            };
            path: {
                /** @description The conversation id. */
                id: components["parameters"]["ConversationPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The open event stream. */
            200: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description `invalid_request`: the request is malformed or has an invalid parameter or field. */
            400: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `unauthorized` or `token_expired`: the credential is missing, invalid or expired. */
            401: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `forbidden`: the credential may not perform this request. */
            403: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `not_found`: no such resource visible to the caller. */
            404: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `request_timeout`: the headers or the body arrived too slowly; nothing was done. */
            408: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `content_too_large`: the body is over the route's limit, or the route takes none. */
            413: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `rate_limited`: slow down and retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `headers_too_large`: the request's header section is over the server's limit. */
            431: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `internal_error`: an unexpected server failure; retrying may help. */
            500: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
            /** @description `service_unavailable`: temporarily unable to answer; retry later. */
            503: {
                headers: {
                    /** @description A unique id for this request; the same value as `requestId` in error bodies. */
                    "X-Request-Id": string;
                    /**
                     * @description Seconds to wait before retrying. Absent when the outage has no known end;
                     *     back off then.
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiError"];
                };
            };
        };
    };
}
