#!/usr/bin/env node
// A committed entry point, so npm links the command even when dist/ did not exist
// at install time (a fresh clone): the link then works as soon as the package is
// built, and until then says how to build it.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("expys-sandbox: the sandbox is not built yet; run `npm run build` (or `npm run sandbox`) at the repository root first\n");
  process.exit(1);
}
await import(cli.href);
