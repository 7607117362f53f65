import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/*.test.ts"],
    // The machine is small and shared: allow for a slow moment, never for a hang.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
