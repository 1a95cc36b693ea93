import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Node by default; a React/DOM test opts in with `// @vitest-environment jsdom` at its top.
    environment: "node",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    exclude: ["test/e2e/**", "node_modules/**", "dist/**"],
  },
});
