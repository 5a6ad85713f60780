import { createRequire } from "node:module";
import type { Page } from "playwright-core";

// axe-core run in a page of the browser tests: WCAG 2.1 A and AA rules, one report naming each
// violation's targets. The page's context must bypass the CSP (`bypassCSP: true`), so that axe's own
// script may run; only the accessibility tests do that.

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");

/** One rule axe found broken, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** Runs axe's WCAG 2.1 A/AA rules on the page; the violations, and a report naming their targets. */
export async function runAxe(page: Page): Promise<{ passes: number; violations: AxeViolation[]; report: string }> {
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
