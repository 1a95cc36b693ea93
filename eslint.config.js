/**
 * ESLint 9 flat config: @eslint/js recommended + typescript-eslint recommended (not type-aware) +
 * the Office add-in rules of eslint-plugin-office-addins.
 *
 * eslint-plugin-office-addins 4.x exports flat configs (`configs.recommended`, `configs.react`), but
 * they cannot be spread here: they register their own nested copy of `@typescript-eslint` (8.8),
 * which clashes with typescript-eslint's ("Cannot redefine plugin"), and they turn on
 * `prettier/prettier`, which this project does not use. So the plugin is registered alone and its
 * rules are enabled with the severities of its recommended config.
 */
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

const nodeGlobals = {
  process: "readonly",
  console: "readonly",
  Buffer: "readonly",
  URL: "readonly",
  setTimeout: "readonly",
  clearTimeout: "readonly",
};

export default defineConfig(
  {
    ignores: ["dist/", "node_modules/", "coverage/", "test-results/", "bench/out/"],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "warn",
      "office-addins/no-empty-load": "warn",
      "office-addins/no-navigational-load": "warn",
      "office-addins/no-office-initialize": "warn",
      "office-addins/test-for-null-using-isNullObject": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    // Custom-function parameters are raw Excel values: `any` / `any[][]` is what tells the metadata
    // generator to pass them through untouched. The core does the one coercion path.
    files: ["src/functions/functions.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Build and tooling scripts run in Node.
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: nodeGlobals },
  },
);
