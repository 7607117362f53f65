import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // test/node20 holds node:test suites for the built package, run by node-versions.test.ts.
    include: ["test/*.test.ts"],
    // The machine is small and shared: allow for a slow moment, never for a hang.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
