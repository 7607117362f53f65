// What a user installs: each published package's tarball, as `npm pack` makes
// it, ships a LICENSE, every source its source maps point at, and the fields
// that lead from the registry's page to the code and the issue tracker.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { publishedFolders } from "../.vitepress/site/changelog.ts";
import { docsRoot } from "./support.ts";

const run = promisify(execFile);

describe.each(publishedFolders)("%s, as packed", (folder) => {
  const directory = join(docsRoot, "..", folder);

  it("ships a LICENSE and the sources of every source map and declaration map", async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: directory });
    const files = new Set((JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path));
    expect(files).toContain("LICENSE");
    const maps = [...files].filter((file) => file.endsWith(".map"));
    expect(maps.length).toBeGreaterThan(0);
    const missing = maps.flatMap((map) => {
      const { sources } = JSON.parse(readFileSync(join(directory, map), "utf8")) as { sources: string[] };
      return sources.map((source) => posix.normalize(posix.join(posix.dirname(map), source))).filter((source) => !files.has(source));
    });
    expect(missing).toEqual([]);
  });

  it("names its repository folder, homepage and issue tracker", () => {
    const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      license: "MIT",
      repository: { type: "git", url: expect.stringMatching(/^git\+https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/), directory: folder },
      homepage: expect.stringMatching(new RegExp(`^https://github\\.com/.+/${folder}#readme$`)),
      bugs: { url: expect.stringMatching(/^https:\/\/github\.com\/.+\/issues$/) },
    });
  });
});
