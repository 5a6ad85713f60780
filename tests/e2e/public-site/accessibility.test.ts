import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserTestTimeoutMs } from "../e2e-setup.js";
import { htmlPages, usePublicSite } from "./scene.js";

// Every public page of the scene (scene.ts) passes axe's WCAG 2.1 A and AA rules, and fits a phone's
// width without horizontal scrolling.

const require = createRequire(import.meta.url);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

describe("the public site, without an account or script", { timeout: browserTestTimeoutMs }, () => {
  const site = usePublicSite();
  const { url, newContext } = site;

  describe("accessibility (axe, WCAG 2.1 A and AA)", () => {
    const axePath = require.resolve("axe-core/axe.min.js");

    /** Runs axe's WCAG 2.1 A/AA rules on the page; the violations, and a report naming their targets. */
    async function runAxe(page: Page): Promise<{ passes: number; violations: AxeViolation[]; report: string }> {
      await page.addScriptTag({ path: axePath });
      const outcome = await page.evaluate(async () => {
        interface AxeResult {
          id: string;
          impact: string | null;
          help: string;
          nodes: { target: unknown[]; html: string; failureSummary?: string }[];
        }
        const axe = (
          window as unknown as {
            axe: { run(context: Document, options: unknown): Promise<{ violations: AxeResult[]; passes: AxeResult[] }> };
          }
        ).axe;
        const results = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return {
          passes: results.passes.length,
          violations: results.violations.map((violation) => ({
            id: violation.id,
            impact: violation.impact,
            help: violation.help,
            nodes: violation.nodes.map((node) => ({
              target: JSON.stringify(node.target),
              html: node.html.slice(0, 200),
              summary: node.failureSummary ?? "",
            })),
          })),
        };
      });
      const report = outcome.violations
        .map(
          (violation) =>
            `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
              .map((node) => `    ${node.target}  ${node.html}\n      ${node.summary.replace(/\n/g, "\n      ")}`)
              .join("\n")}`,
        )
        .join("\n");
      return { ...outcome, report };
    }

    it("has a working harness: axe finds a known violation", async () => {
      const context = await newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.setContent(
        `<!doctype html><html lang="en"><head><title>Control</title></head><body><main><img src="/x.png"></main></body></html>`,
      );
      const { violations } = await runAxe(page);
      expect(violations.map((violation) => violation.id)).toContain("image-alt");
    });

    for (const [name, pathname] of Object.entries(htmlPages)) {
      it(`has no violation on ${name}: ${pathname}`, async () => {
        // Only here is the CSP bypassed, so that axe's own script may run.
        const context = await newContext({ bypassCSP: true });
        const page = await context.newPage();
        await page.goto(url(pathname));
        const { passes, violations, report } = await runAxe(page);
        // axe really ran its rules on the page (an empty result would otherwise pass).
        expect(passes).toBeGreaterThan(5);
        expect(violations, `axe violations on ${pathname}:\n${report}`).toEqual([]);
      });
    }
  });

  describe("on a phone (375 × 740)", () => {
    for (const [name, pathname] of Object.entries(htmlPages)) {
      it(`needs no horizontal scrolling on ${name}: ${pathname}`, async () => {
        const context = await newContext({ width: 375, height: 740 });
        const page = await context.newPage();
        await page.goto(url(pathname));
        const widths = await page.evaluate(() => {
          const viewport = document.documentElement.clientWidth;
          // What sticks out: a box past the viewport's edge, or text overflowing its own box.
          const wider = Array.from(document.querySelectorAll("body *"))
            .filter((element) => element.getBoundingClientRect().right > viewport + 1 || element.scrollWidth > element.clientWidth + 1)
            .filter((element) => !["html", "body", "main", "input"].includes(element.localName))
            .slice(0, 5)
            .map(
              (element) =>
                `${element.localName}${element.className ? `.${String(element.className).replace(/\s+/g, ".")}` : ""} (right ${Math.round(element.getBoundingClientRect().right)}, scrollWidth ${element.scrollWidth}): ${(element.textContent ?? "").slice(0, 60)}`,
            );
          return { scrollWidth: document.documentElement.scrollWidth, bodyScrollWidth: document.body.scrollWidth, viewport, wider };
        });
        expect(
          Math.max(widths.scrollWidth, widths.bodyScrollWidth),
          `page is ${widths.scrollWidth}px wide in a ${widths.viewport}px viewport; too wide: ${widths.wider.join(" | ")}`,
        ).toBeLessThanOrEqual(widths.viewport);
      });
    }
  });
});
