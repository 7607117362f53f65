import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/*.test.ts"],
    // Starts every service in services.json once, before any scenario.
    globalSetup: ["src/global-setup.ts"],
    reporters: ["default", "./src/parity-reporter.ts"],
    // Scenarios spend most of their time waiting on backoff and the network, not the CPU:
    // run every column of a scenario at once, and several files side by side.
    maxConcurrency: 16,
    maxWorkers: 3,
    // The machine is small and shared: allow for a slow moment, never for a hang.
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
