// Starts a sandbox for the Kotlin tests and lets them drive its test controls
// (fault injection, inspection, minting tokens), which exist only as JavaScript
// calls on the server object. Usage: node sandbox-driver.mjs '<SandboxOptions JSON>'
// Prints the sandbox's fields as one JSON line, then answers one JSON command per
// stdin line ({"id", "op", "args"}) with one JSON line ({"id", "result"} or
// {"id", "error"}). Nothing a client request can reach switches a fault on.
import { createInterface } from "node:readline";
import { startSandbox } from "../../../../sandbox/dist/index.js";

const options = JSON.parse(process.argv[2] ?? "{}");
const sandbox = await startSandbox({ log: false, agent: false, ...options });
const rules = new Map();
let nextRule = 1;

const commands = {
  addFault: (rule) => {
    const id = nextRule++;
    rules.set(id, sandbox.faults.add(rule));
    return id;
  },
  faultInjected: (id) => rules.get(id)?.injected ?? 0,
  clearFaults: () => sandbox.faults.clear(),
  faultStats: () => sandbox.faults.stats(),
  messages: (conversationId) => sandbox.inspect.messages(conversationId),
  conversations: (externalUserID) => sandbox.inspect.conversations(externalUserID),
  openStreams: (conversationId) => sandbox.inspect.openStreams(conversationId ?? undefined),
  mintToken: (mint) => sandbox.mintToken(mint ?? {}),
  createConversation: (externalUserID, create) => sandbox.createConversation(externalUserID, create ?? {}),
  postAsAgent: (conversationId, body) => sandbox.postAsAgent(conversationId, body),
};

const { baseUrl, orgApiKey, externalUserID, memberToken, conversationId } = sandbox;
process.stdout.write(`${JSON.stringify({ baseUrl, orgApiKey, externalUserID, memberToken, conversationId })}\n`);

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const { id, op, args = [] } = JSON.parse(line);
  try {
    const command = commands[op];
    if (!command) throw new Error(`unknown command ${op}`);
    const result = await command(...args);
    process.stdout.write(`${JSON.stringify({ id, result: result ?? null })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ id, error: String(error?.message ?? error) })}\n`);
  }
}
// stdin closed: the test is done with this sandbox.
await sandbox.close();
