import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { startAccordProcess, type AccordProcess } from "./accord-process.js";

// Without a usable template the built server still starts on an empty folder, as before the template
// existed (initdb, then every migration), and its log says why it did not use the template.
describe("a first start of the built server without the embedded template", () => {
  const scratch = mkdtempSync(path.join(tmpdir(), "accord-no-template-"));
  let accord: AccordProcess | undefined;
  afterAll(async () => {
    await accord?.stop();
    await accord?.cleanUp();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("falls back to initdb, logs the reason, seeds the demo and serves", { timeout: 300_000 }, async () => {
    const missing = path.join(scratch, "no-template-here");
    accord = await startAccordProcess({ ACCORD_EMBEDDED_TEMPLATE: missing });
    const warning = accord
      .output()
      .split("\n")
      .map((line) => {
        try {
          return JSON.parse(line) as { level?: number; msg?: string; reason?: string };
        } catch {
          return null;
        }
      })
      .find((entry) => entry?.msg?.startsWith("new embedded database:"));
    expect(warning).toMatchObject({
      level: 40,
      reason: `there is no template at ${missing} (\`pnpm build\` makes it)`,
      msg: `new embedded database: created by initdb, not from the template: there is no template at ${missing} (\`pnpm build\` makes it)`,
    });
    expect(accord.output()).toMatch(/"demoSeeded":true/);
    const health = await fetch(`${accord.origin}/api/health`);
    expect(health.status).toBe(200);
    expect(await accord.stop()).toBe(0);
  });
});
