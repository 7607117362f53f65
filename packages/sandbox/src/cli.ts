#!/usr/bin/env node
// `expys-sandbox`: starts the sandbox and prints one line of JSON to stdout,
// the seeded demo member's credentials, once it is listening. Logs go to
// stderr. Stops gracefully on SIGINT or SIGTERM.
import { parseArgs } from "node:util";
import { startSandbox } from "./start-sandbox.ts";

const usage = `Usage: expys-sandbox [options]

Starts the Expys concierge API sandbox and prints one JSON line:
{"baseUrl","orgApiKey","externalUserID","memberToken","conversationId"}

Options:
  --port <n>          port to listen on (default 4010; 0 picks a free one)
  --host <address>    address to listen on (default 127.0.0.1)
  --seed <value>      make ids and demo data repeatable
  --token-ttl <s>     lifetime of minted tokens in seconds (default 900)
  --max-streams-per-member <n>
                      event streams one member may hold open (default 50)
  --no-agent          switch the simulated concierge off
  --quiet             no request log on stderr
  -h, --help          show this help
`;

function fail(message: string): never {
  process.stderr.write(`expys-sandbox: ${message}\n\n${usage}`);
  process.exit(2);
}

function parseCli() {
  try {
    return parseArgs({
      options: {
        port: { type: "string", default: "4010" },
        host: { type: "string", default: "127.0.0.1" },
        seed: { type: "string" },
        "token-ttl": { type: "string" },
        "max-streams-per-member": { type: "string" },
        "no-agent": { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function wholeNumber(name: string, text: string): number {
  if (!/^\d+$/.test(text)) fail(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}

const args = parseCli();
if (args.help) {
  process.stdout.write(usage);
  process.exit(0);
}

try {
  const sandbox = await startSandbox({
    port: wholeNumber("port", args.port),
    host: args.host,
    seed: args.seed,
    tokenTtlMs: args["token-ttl"] === undefined ? undefined : wholeNumber("token-ttl", args["token-ttl"]) * 1000,
    maxStreamsPerMember: args["max-streams-per-member"] === undefined ? undefined : wholeNumber("max-streams-per-member", args["max-streams-per-member"]),
    agent: !args["no-agent"],
    log: args.quiet ? false : undefined,
  });
  const { baseUrl, orgApiKey, externalUserID, memberToken, conversationId } = sandbox;
  process.stdout.write(`${JSON.stringify({ baseUrl, orgApiKey, externalUserID, memberToken, conversationId })}\n`);
  process.stderr.write(`expys-sandbox listening on ${baseUrl} (Ctrl-C to stop)\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`expys-sandbox: ${signal}, closing open streams and stopping\n`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`expys-sandbox: error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === "EADDRINUSE" ? "the port is already in use (try --port 0)" : String(error);
  process.stderr.write(`expys-sandbox: could not start: ${reason}\n`);
  process.exit(1);
}
