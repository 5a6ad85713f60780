// Accord's lint rules (typescript-eslint, flat config): `pnpm lint`. Formatting is Prettier's job
// (`pnpm format`, `.prettierrc`), so eslint-config-prettier comes last and turns off every rule about
// layout; the rules of import (what may import what, no cycles) are dependency-cruiser's
// (`pnpm lint:imports`, `.dependency-cruiser.cjs`).
//
// TypeScript files are linted with their types (see `projects` below). The rules are typescript-eslint's
// recommended type-checked set, with the few changes below, each with its reason.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The tsconfig projects the types come from. `tsconfig.eslint.json` holds every file but the browser
 * app's in one program with no project references, so workspace packages resolve to their sources under
 * the `accord-source` condition (as vitest and tsx see them) and linting needs no build first; the
 * browser app has its own compiler options (bundler resolution, JSX) and so its own project.
 */
const projects = ["./tsconfig.eslint.json", "./apps/web/tsconfig.json"];

export default defineConfig(
  {
    ignores: ["**/node_modules/", "**/dist/", "coverage/", "data/", "test-results/", "**/*.tsbuildinfo"],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: projects, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_` marks a binding kept for its position only, or left out of a rest (`{ password: _password, ...view }`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          caughtErrors: "none",
          ignoreRestSiblings: true,
        },
      ],
      // In-memory implementations of async ports (the login throttle, the suggestion budget, test fakes)
      // are async for the interface's sake, with nothing to await.
      "@typescript-eslint/require-await": "off",
      // The text rule, the output escaping and their tests match control characters on purpose.
      "no-control-regex": "off",
      // Yjs's typings leave out the `toString` its types have (the XML of a fragment or element, a Y.Text's string).
      "@typescript-eslint/no-base-to-string": [
        "error",
        { ignoredTypeNames: ["Error", "RegExp", "URL", "URLSearchParams", "YXmlFragment", "YXmlElement", "YText"] },
      ],
    },
  },
  {
    // Preact ignores what an event handler returns, so `onClick={async () => …}` is fine; a floating
    // promise anywhere is still refused (no-floating-promises).
    files: ["apps/web/src/**/*.tsx"],
    rules: { "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }] },
  },
  {
    // Tests read JSON answers (`response.json()`, `inject().json()`), which are `any`, field by field; the
    // answers' shapes are held by the response schemas and their own tests, not by casts in every test.
    files: ["**/*.test.{ts,tsx}", "tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Migrations take `Kysely<any>`, never the app's table types (ARCHITECTURE.md: old migrations keep working).
    files: ["migrations/src/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The browser app runs in the browser.
    files: ["apps/web/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Plain JavaScript (scripts, configs) and TypeScript no tsconfig project includes (the root configs):
    // linted without types.
    ...tseslint.configs.disableTypeChecked,
    files: ["**/*.{js,mjs,cjs}", "vitest.config.ts"],
  },
  {
    // CommonJS configs (dependency-cruiser's).
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node, ...globals.commonjs } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  prettier,
);
