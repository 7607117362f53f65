import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // test/node20 holds node:test suites for the built package, run by node-versions.test.ts.
    include: ["test/*.test.ts"],
    // Type-level tests of the public surface: tsc checks them, and a wrong type fails the run.
    typecheck: { enabled: true, include: ["test/*.test-d.ts"], tsconfig: "tsconfig.json" },
    // The machine is small and shared: allow for a slow moment, never for a hang.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
