export {
  startSandbox,
  type CreateConversationOptions,
  type MintTokenOptions,
  type Sandbox,
  type SandboxInspector,
} from "./start-sandbox.ts";
export type { AgentOptions, SandboxOptions } from "./sandbox-options.ts";
export type { FaultAction, FaultHandle, FaultRule, FaultStats, SandboxFaults } from "./faults.ts";
export type { Conversation, ErrorCode, Message, OperationId } from "./api-types.ts";
export { conciergeAuthorID } from "./concierge-agent.ts";
export { demoMemberID } from "./demo-seed.ts";
