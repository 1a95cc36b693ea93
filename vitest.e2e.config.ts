import { defineConfig } from "vitest/config";

/**
 * End-to-end tests: the built page (dist/, from `npm run build:web`) in a real headless Chromium.
 *   npm run build:web && npm run test:e2e
 */
export default defineConfig({
  test: {
    environment: "node",
    include: ["test/e2e/**/*.e2e.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One browser at a time: the tests start their own server and Chromium.
    fileParallelism: false,
  },
});
