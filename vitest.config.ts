import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Workspace packages export their TypeScript sources under the "accord-source" condition, so tests run
// against the sources without a build. Its own config, so that apps/web's Vite root does not hide tests.
export default defineConfig({
  resolve: { conditions: ["accord-source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["accord-source", ...defaultServerConditions] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "migrations/src/**/*.test.ts", "tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
