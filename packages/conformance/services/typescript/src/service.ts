// The TypeScript conformance service: the protocol of packages/conformance/README.md over @expys/sdk.
// Prints {"url": ...} on stdout once it listens; everything else goes to stderr.
import { countTimers } from "./count-timers.ts";
import { ProtocolServer } from "./protocol-server.ts";

countTimers();
const server = new ProtocolServer();
const url = await server.listen();
process.stdout.write(`${JSON.stringify({ url })}\n`);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    void server.close().finally(() => process.exit(0));
  });
}
