import { describe, expectTypeOf, it } from "vitest";
import {
  startSandbox,
  type Conversation,
  type FaultHandle,
  type FaultRule,
  type FaultStats,
  type Message,
  type Sandbox,
  type SandboxOptions,
} from "../src/index.ts";

describe("public types", () => {
  it("types startSandbox's options, all optional", () => {
    expectTypeOf(startSandbox).parameter(0).toEqualTypeOf<SandboxOptions | undefined>();
    expectTypeOf<Record<never, never>>().toExtend<SandboxOptions>();
    expectTypeOf<{ port: 0; agent: false; log: false; seed: "x" }>().toExtend<SandboxOptions>();
    expectTypeOf<{ agent: { replyDelayMs: false; chatterIntervalMs: 1000 } }>().toExtend<SandboxOptions>();
    expectTypeOf<{ port: "4010" }>().not.toExtend<SandboxOptions>();
    expectTypeOf<{ agent: "on" }>().not.toExtend<SandboxOptions>();
  });

  it("resolves to the five CLI fields and the test controls", () => {
    expectTypeOf(startSandbox).returns.toEqualTypeOf<Promise<Sandbox>>();
    expectTypeOf<Sandbox>().toHaveProperty("baseUrl").toEqualTypeOf<string>();
    expectTypeOf<Sandbox>().toHaveProperty("memberToken").toEqualTypeOf<string>();
    expectTypeOf<Sandbox>().toHaveProperty("conversationId").toEqualTypeOf<string>();
    expectTypeOf<Sandbox["close"]>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<Sandbox["mintToken"]>().returns.toEqualTypeOf<string>();
    expectTypeOf<Sandbox["postAsAgent"]>().returns.toEqualTypeOf<Message>();
    expectTypeOf<Sandbox["inspect"]["messages"]>().returns.toEqualTypeOf<Message[]>();
    expectTypeOf<Sandbox["inspect"]["conversations"]>().returns.toEqualTypeOf<Conversation[]>();
  });

  it("types fault rules as a tagged union of actions", () => {
    expectTypeOf<Sandbox["faults"]["add"]>().parameter(0).toEqualTypeOf<FaultRule>();
    expectTypeOf<Sandbox["faults"]["add"]>().returns.toEqualTypeOf<FaultHandle>();
    expectTypeOf<Sandbox["faults"]["stats"]>().returns.toEqualTypeOf<FaultStats>();
    expectTypeOf<{ operation: "sendMessage"; action: { type: "drop"; when: "after" } }>().toExtend<FaultRule>();
    expectTypeOf<{ action: { type: "status"; status: 429; retryAfter: 2 } }>().toExtend<FaultRule>();
    expectTypeOf<{ operation: "deleteAll"; action: { type: "latency"; ms: 1 } }>().not.toExtend<FaultRule>();
    expectTypeOf<{ action: { type: "drop" } }>().not.toExtend<FaultRule>();
  });

  it("uses the spec's shapes for messages", () => {
    expectTypeOf<Message>().toEqualTypeOf<{
      id: string;
      type: string;
      authorID: string;
      body: string | null;
      createdAt: string;
    }>();
  });
});
