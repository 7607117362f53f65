// Raw HTTP/1.1 over a TCP socket, for requests no HTTP client would send: slow
// or partial headers and bodies, oversized header sections, bodies on GET.
import { connect, type Socket } from "node:net";
import type { JsonResponse } from "./helpers.ts";

/** What the server sent before closing the connection, and how many bytes the client managed to write. */
export interface RawOutcome {
  response: JsonResponse;
  /** The response as text, head included. */
  text: string;
  /** Bytes of the request the socket accepted before the server closed it. */
  written: number;
}

/** Parses a raw HTTP/1.1 response with a JSON (or empty) body. */
export function parseResponse(text: string): JsonResponse {
  const split = text.indexOf("\r\n\r\n");
  const head = split === -1 ? text : text.slice(0, split);
  const body = split === -1 ? "" : text.slice(split + 4);
  const [statusLine = "", ...lines] = head.split("\r\n");
  const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1] ?? 0);
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return { status, headers, body: body === "" ? undefined : JSON.parse(body) };
}

/**
 * Opens a connection, lets `send` write to it (it may keep writing until the
 * server closes), and resolves with the server's answer once the server has
 * closed the connection.
 */
export function rawExchange(baseUrl: string, send: (socket: Socket) => unknown): Promise<RawOutcome> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let text = "";
    let settled = false;
    const socket = connect(Number(port), hostname, () => send(socket));
    const finish = (): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      try {
        resolve({ response: parseResponse(text), text, written: socket.bytesWritten });
      } catch (error) {
        reject(new Error(`not an HTTP response: ${JSON.stringify(text.slice(0, 200))} (${String(error)})`));
      }
    };
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.once("end", finish);
    socket.once("close", finish);
    // A reset after the answer arrived (the server refused to read the rest) still leaves the answer to inspect.
    socket.on("error", () => finish());
  });
}

/** Sends `bytes` at once and reads until the server closes the connection. */
export function rawRequest(baseUrl: string, bytes: string): Promise<RawOutcome> {
  return rawExchange(baseUrl, (socket) => socket.write(bytes));
}

/** Writes `chunk` over and over for as long as the server lets the client write. */
export function keepWriting(socket: Socket, chunk: Buffer): void {
  const more = (): void => {
    while (!socket.destroyed && socket.writable) {
      if (!socket.write(chunk)) {
        socket.once("drain", more);
        return;
      }
    }
  };
  more();
}
