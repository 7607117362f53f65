// Minified + gzipped size of an app bundle that uses the SDK's four operations,
// beside the same app written with openapi-fetch (which has no retries,
// streaming or pagination, so its stream call is a plain fetch of the route).
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const apps = {
  "@expys/sdk": `
    import { initialize } from "@expys/sdk";
    const expys = initialize({ environment: "sandbox", token: "t" });
    await expys.listConversations();
    await expys.listMessages("c", { limit: 50 });
    await expys.sendMessage("c", "hello");
    for await (const message of expys.streamMessages("c")) console.log(message);
  `,
  "openapi-fetch": `
    import createClient from "openapi-fetch";
    const client = createClient({ baseUrl: "http://127.0.0.1:4010", headers: { Authorization: "Bearer t" } });
    await client.GET("/v1/conversations");
    await client.GET("/v1/conversations/{id}/messages", { params: { path: { id: "c" }, query: { limit: 50 } } });
    await client.POST("/v1/conversations/{id}/messages", { params: { path: { id: "c" } }, body: { message: "hello" } });
    console.log(await client.GET("/v1/conversations/{id}/stream", { params: { path: { id: "c" } }, parseAs: "stream" }));
  `,
};

/** Bytes of each app bundled for a browser, minified, then gzipped at level 9. */
export async function bundleSizes(): Promise<Record<string, { minified: number; gzipped: number }>> {
  const sizes: Record<string, { minified: number; gzipped: number }> = {};
  for (const [name, contents] of Object.entries(apps)) {
    const result = await build({
      stdin: { contents, resolveDir: import.meta.dirname, loader: "ts" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
    });
    const code = result.outputFiles[0]!.contents;
    sizes[name] = { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
  }
  return sizes;
}
