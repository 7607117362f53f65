import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Type-level tests of the public surface: tsc checks them, and a wrong type fails the run.
    typecheck: { enabled: true, include: ["test/*.test-d.ts"], tsconfig: "tsconfig.json" },
  },
});
