// Runs the Swift tests against real sandboxes. The sandbox is a Node program
// and its test controls (fault injection, inspection) are functions, not
// routes, so this harness serves them to the Swift tests over HTTP on
// 127.0.0.1: each test starts its own sandbox with `POST /sandboxes` and
// drives it through the routes below. Then it runs `swift test` (through
// scripts/swift.sh) with the control URL in EXPYS_SANDBOX_CONTROL.
//
// Usage: node scripts/test.ts [swift test arguments]
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { type FaultHandle, type Sandbox, type SandboxOptions, startSandbox } from "@expys/sandbox";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const sandboxes = new Map<string, { sandbox: Sandbox; faults: FaultHandle[] }>();
let nextId = 1;

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** The control routes, by method and path pattern; `:id` is a sandbox, `:n` a fault rule. */
async function route(method: string, parts: string[], body: Record<string, unknown>): Promise<[number, unknown]> {
  if (method === "POST" && parts.length === 1 && parts[0] === "sandboxes") {
    const sandbox = await startSandbox({ log: false, agent: false, ...(body as SandboxOptions) });
    const id = String(nextId++);
    sandboxes.set(id, { sandbox, faults: [] });
    const { baseUrl, memberToken, externalUserID, conversationId, orgApiKey } = sandbox;
    return [201, { id, baseUrl, memberToken, externalUserID, conversationId, orgApiKey }];
  }
  const entry = sandboxes.get(parts[1] ?? "");
  if (parts[0] !== "sandboxes" || !entry) return [404, { error: "no such sandbox" }];
  const { sandbox } = entry;
  const [, , resource, key] = parts;
  switch (`${method} ${resource ?? ""}`) {
    case "DELETE ":
      sandboxes.delete(parts[1]!);
      await sandbox.close();
      return [204, undefined];
    case "POST faults": {
      const handle = sandbox.faults.add(body as never);
      entry.faults.push(handle);
      return [201, { id: entry.faults.length - 1 }];
    }
    case "GET faults": {
      const handle = entry.faults[Number(key)];
      return handle ? [200, { injected: handle.injected, remaining: handle.remaining }] : [404, { error: "no such rule" }];
    }
    case "GET messages":
      return [200, sandbox.inspect.messages(decodeURIComponent(key!))];
    case "GET conversations":
      return [200, sandbox.inspect.conversations(decodeURIComponent(key!))];
    case "GET open-streams":
      return [200, { count: sandbox.inspect.openStreams(key ? decodeURIComponent(key) : undefined) }];
    case "POST tokens":
      return [201, { token: sandbox.mintToken(body as never) }];
    case "POST conversations":
      return [201, sandbox.createConversation(String(body.externalUserID), body as never)];
    case "POST agent-messages":
      return [201, sandbox.postAsAgent(String(body.conversationId), body.body as string | null)];
    default:
      return [404, { error: `no route ${method} ${parts.join("/")}` }];
  }
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const parts = new URL(request.url ?? "/", "http://control").pathname.split("/").filter(Boolean);
    const [status, value] = await route(request.method ?? "GET", parts, await readJson(request));
    response.writeHead(status, { "Content-Type": "application/json" }).end(value === undefined ? undefined : JSON.stringify(value));
  } catch (error) {
    response.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify({ error: String(error) }));
  }
}

const control = createServer((request, response) => void handle(request, response));
await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;

const swift = spawn(`${packageDir}scripts/swift.sh`, ["test", ...process.argv.slice(2)], {
  cwd: packageDir,
  stdio: "inherit",
  env: { ...process.env, EXPYS_SANDBOX_CONTROL: url },
});
const code = await new Promise<number>((resolve) => swift.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
await Promise.all([...sandboxes.values()].map(({ sandbox }) => sandbox.close()));
control.closeAllConnections();
control.close();
process.exitCode = code;
