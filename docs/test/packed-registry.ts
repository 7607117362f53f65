// A package registry on 127.0.0.1 that serves only the packages this test
// packed with `npm pack`, so that `npm install @expys/sdk` and `npx
// @expys/sandbox` run exactly as the quickstart writes them, against the
// code in this checkout, and nothing is published anywhere.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PackedRegistry {
  /** The registry's URL, for `npm_config_@expys:registry`. */
  url: string;
  /** What npm asked for, as `METHOD path`. */
  requests: string[];
  close(): Promise<void>;
}

/** Packs each package folder into `into` and serves the tarballs as a registry. */
export async function startPackedRegistry(folders: readonly string[], into: string): Promise<PackedRegistry> {
  const packages = new Map<string, { manifest: Record<string, unknown>; file: string; bytes: Buffer }>();
  for (const folder of folders) {
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", into], { cwd: folder });
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as Record<string, unknown>;
    packages.set(String(manifest.name), { manifest, file: packed!.filename, bytes: readFileSync(join(into, packed!.filename)) });
  }
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://registry").pathname).slice(1);
    const tarball = [...packages.values()].find((entry) => path === `-/${entry.file}`);
    if (tarball) {
      response.writeHead(200, { "Content-Type": "application/octet-stream" }).end(tarball.bytes);
      return;
    }
    const entry = packages.get(path);
    if (!entry) {
      response.writeHead(404, { "Content-Type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    const { address, port } = server.address() as AddressInfo;
    const version = String(entry.manifest.version);
    const dist = {
      tarball: `http://${address}:${port}/-/${entry.file}`,
      integrity: `sha512-${createHash("sha512").update(entry.bytes).digest("base64")}`,
      shasum: createHash("sha1").update(entry.bytes).digest("hex"),
    };
    const document = { name: path, "dist-tags": { latest: version }, versions: { [version]: { ...entry.manifest, dist } } };
    response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(document));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
