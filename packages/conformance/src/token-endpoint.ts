import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** The `tokenUrl` of a client: each GET is one ask of the SDK's token provider. */
export interface TokenEndpoint {
  readonly url: string;
  /** When each token was handed out, and which. */
  readonly handedOut: readonly { at: number; token: string }[];
  close(): Promise<void>;
}

/** Starts an endpoint on 127.0.0.1 that answers each GET with `mint(n)` as text, `n` counting from 1. */
export async function startTokenEndpoint(mint: (n: number) => string): Promise<TokenEndpoint> {
  const handedOut: { at: number; token: string }[] = [];
  const server = createServer((_req, res) => {
    const token = mint(handedOut.length + 1);
    handedOut.push({ at: Date.now(), token });
    res.writeHead(200, { "content-type": "text/plain" }).end(token);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    handedOut,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
