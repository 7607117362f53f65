import type { Sandbox } from "@expys/sandbox";

/** The environment the snippets read (`EXPYS_*`), filled from a running sandbox. */
export function sandboxEnv(sandbox: Sandbox, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    EXPYS_BASE_URL: sandbox.baseUrl,
    EXPYS_MEMBER_TOKEN: sandbox.memberToken,
    EXPYS_EXTERNAL_USER_ID: sandbox.externalUserID,
    EXPYS_CONVERSATION_ID: sandbox.conversationId,
    EXPYS_ORG_API_KEY: sandbox.orgApiKey,
    ...overrides,
  };
}
