import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A TypeSpec compile of the whole spec takes seconds on a small, shared machine.
    testTimeout: 60_000,
  },
});
