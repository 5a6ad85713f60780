import { describe, expect, it } from "vitest";
import { runAxe } from "../axe.js";
import { browserTestTimeoutMs } from "../e2e-setup.js";
import { htmlPages, usePublicSite } from "./scene.js";

// Every public page of the scene (scene.ts) passes axe's WCAG 2.1 A and AA rules, and fits a phone's
// width without horizontal scrolling.

describe("the public site, without an account or script", { timeout: browserTestTimeoutMs }, () => {
  const site = usePublicSite();
  const { url, newContext } = site;

  describe("accessibility (axe, WCAG 2.1 A and AA)", () => {
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
