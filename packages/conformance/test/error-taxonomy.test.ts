import { expect } from "vitest";
import { expectError, failed, succeeded } from "../src/outcomes.ts";
import { scenario } from "../src/scenario.ts";
import { errorTaxonomy } from "../src/taxonomy.ts";

const taxonomy = errorTaxonomy();

for (const { code, status, retryable } of taxonomy) {
  scenario(
    `error-${code.replaceAll("_", "-")}`,
    `a ${status} ${code} answer is kind api, code ${code}, retryable ${retryable}`,
    async ({ sandbox, proxy, client }) => {
      sandbox.faults.add({ operation: "listConversations", times: 1, action: { type: "status", status, code: code as never } });
      const expys = await client({ maxRetries: 0 });
      const error = failed(await expys.call("listConversations", {}));
      expectError(error, { kind: "api", status, code, retryable });
      // The request id is the one the answer carried.
      expect(error.requestId).toBe(proxy.requests[0]?.responseHeaders?.["x-request-id"]);
      expect(error.message).not.toBe("");
    },
  );
}

scenario(
  "error-gateway-pages",
  "an error page from something in front of the API (409, 502, 504 in HTML) is kind api with code unknown",
  async ({ sandbox, client }) => {
    const expys = await client({ maxRetries: 0 });
    for (const status of [409, 502, 504]) {
      sandbox.faults.add({ operation: "listConversations", times: 1, action: { type: "gateway", status } });
      const error = failed(await expys.call("listConversations", {}), `the ${status} page`);
      expectError(error, { kind: "api", status, code: "unknown", retryable: status >= 500 }, `for the ${status} page, the SDK reported`);
    }
  },
);

scenario(
  "retries-follow-the-taxonomy",
  "an answer is retried exactly when the taxonomy says it is retryable, and the retry succeeds",
  async ({ sandbox, proxy, client, record }) => {
    const expys = await client({ maxRetries: 1 });
    const results = await Promise.all(
      taxonomy.map(async ({ code, status, retryable }) => {
        const conversation = sandbox.createConversation(sandbox.externalUserID, { messages: 3 });
        const path = `/v1/conversations/${conversation.id}/messages`;
        sandbox.faults.add({ path, times: 1, action: { type: "status", status, code: code as never } });
        const outcome = await expys.call("listMessages", { conversationId: conversation.id });
        const attempts = proxy.requests.filter(({ url }) => url.startsWith(path)).length;
        return { code, retryable, outcome, attempts };
      }),
    );
    for (const { code, retryable, outcome, attempts } of results) {
      if (retryable) {
        expect(succeeded(outcome, `listMessages after one ${code}`).messages).toHaveLength(3);
        expect(attempts, `${code} is retried`).toBe(2);
      } else {
        expect(failed(outcome, `listMessages after one ${code}`).code).toBe(code);
        expect(attempts, `${code} is not retried`).toBe(1);
      }
    }
    record({ retried: results.filter(({ attempts }) => attempts > 1).length, codes: results.length });
  },
);
