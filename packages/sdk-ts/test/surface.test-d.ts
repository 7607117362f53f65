// Type-level tests of the public surface: the names, arguments and return shapes
// the product docs show. vitest's typecheck mode runs this file through tsc, so a
// wrong type fails `npm test` (`*.test-d.ts`, see vitest.config.ts).
import { describe, expectTypeOf, it } from "vitest";
import {
  ExpysApiError,
  type ExpysArgumentError,
  type ExpysError,
  initialize,
  type ApiPromise,
  type ErrorCode,
  type Conversation,
  type Environment,
  type ExpysClient,
  type InitializeOptions,
  type ListConversationsResponse,
  type ListMessagesResponse,
  type Message,
  type PagePromise,
  type SendMessageResponse,
} from "../src/index.ts";
import { initializeServer, type ExpysServerClient } from "../src/server.ts";

describe("the public surface", () => {
  it("initializes from the documented options", () => {
    expectTypeOf(initialize).parameter(0).toEqualTypeOf<InitializeOptions>();
    expectTypeOf(initialize).returns.toEqualTypeOf<ExpysClient>();
    expectTypeOf<Environment>().toEqualTypeOf<"production" | "sandbox">();
    expectTypeOf<InitializeOptions>().toHaveProperty("environment").toEqualTypeOf<Environment>();
    expectTypeOf<InitializeOptions["baseUrl"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<{ environment: "sandbox"; token: string; baseUrl: string | undefined }>().toExtend<InitializeOptions>();
    expectTypeOf<{ environment: "staging"; token: string }>().not.toExtend<InitializeOptions>();
    expectTypeOf<{ environment: "sandbox" }>().not.toExtend<InitializeOptions>();
    expectTypeOf<{ environment: "sandbox"; token: () => Promise<string> }>().toExtend<InitializeOptions>();
  });

  it("lists conversations", () => {
    const expys = {} as ExpysClient;
    expectTypeOf(expys.listConversations).parameter(0).toEqualTypeOf<{ externalUserID?: string | undefined } | undefined>();
    expectTypeOf(expys.listConversations).returns.toEqualTypeOf<ApiPromise<ListConversationsResponse>>();
    expectTypeOf<Awaited<ReturnType<ExpysClient["listConversations"]>>>().toEqualTypeOf<{ conversations: Conversation[] }>();
    expectTypeOf<Conversation>().toEqualTypeOf<{ id: string; type: string; title: string | null; lastMessageAt: string | null }>();
  });

  it("lists messages as one page, or as every item", () => {
    const expys = {} as ExpysClient;
    expectTypeOf(expys.listMessages).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(expys.listMessages)
      .parameter(1)
      .toEqualTypeOf<{ limit?: number | undefined; cursor?: string | undefined; externalUserID?: string | undefined } | undefined>();
    expectTypeOf(expys.listMessages).returns.toEqualTypeOf<PagePromise<ListMessagesResponse, Message>>();
    expectTypeOf<Awaited<ReturnType<ExpysClient["listMessages"]>>>().toEqualTypeOf<{ messages: Message[]; nextCursor: string | null }>();
    expectTypeOf<ReturnType<ExpysClient["listMessages"]>>().toExtend<AsyncIterable<Message>>();
    expectTypeOf<Message>().toEqualTypeOf<{ id: string; type: string; authorID: string; body: string | null; createdAt: string }>();
  });

  it("sends a message given as text", () => {
    const expys = {} as ExpysClient;
    expectTypeOf(expys.sendMessage).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(expys.sendMessage).parameter(1).toEqualTypeOf<string>();
    expectTypeOf<Awaited<ReturnType<ExpysClient["sendMessage"]>>>().toEqualTypeOf<SendMessageResponse>();
    expectTypeOf<SendMessageResponse>().toEqualTypeOf<{ ok: boolean }>();
  });

  it("streams messages as an AsyncIterable", () => {
    const expys = {} as ExpysClient;
    expectTypeOf(expys.streamMessages).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(expys.streamMessages).returns.toEqualTypeOf<AsyncIterable<Message>>();
  });

  it("types an error's code as this API's codes, or unknown", () => {
    expectTypeOf<ExpysApiError["code"]>().toEqualTypeOf<ErrorCode | "unknown">();
    expectTypeOf<ErrorCode>().toExtend<string>();
    expectTypeOf<"token_expired">().toExtend<ErrorCode>();
    expectTypeOf<"made_up">().not.toExtend<ErrorCode>();
    const error = new Error() as unknown;
    if (error instanceof ExpysApiError) expectTypeOf(error.code).toEqualTypeOf<ErrorCode | "unknown">();
    expectTypeOf<ExpysArgumentError>().toExtend<ExpysError>();
  });

  it("keeps the token exchange on a separate, server-only entry point", () => {
    expectTypeOf<ExpysClient>().not.toHaveProperty("exchangeToken");
    expectTypeOf(initializeServer).parameter(0).toHaveProperty("orgApiKey").toEqualTypeOf<string>();
    expectTypeOf<ExpysServerClient>().toHaveProperty("exchangeToken");
  });
});
