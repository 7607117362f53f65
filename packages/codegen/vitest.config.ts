import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // GitHub's 13 MB description takes about a second here, and several on a loaded 2-core machine.
    testTimeout: 60_000,
  },
});
