import type { Kysely } from "kysely";
import type { Database } from "../storage/database.js";
import { publicAcknowledgementCounts } from "../use-cases/acknowledgements/public-counts.js";

/**
 * The public page's section on officers' acknowledgements: aggregate counts per version only ("1,212 of
 * 1,398 officers acknowledged version 3"), never a name, and only when the facilitator turned it on.
 */
export async function acknowledgementCountsSection(db: Kysely<Database>, policyId: string): Promise<string> {
  const counts = await publicAcknowledgementCounts(db, policyId);
  if (!counts || counts.length === 0) return "";
  const number = (value: number) => value.toLocaleString("en-US");
  const items = counts
    .map(
      (count) => `<li>${number(count.acknowledged)} of ${number(count.assigned)} officers acknowledged version ${count.versionNumber}</li>`,
    )
    .join("");
  return `<section aria-labelledby="acknowledgements-heading">
<h2 id="acknowledgements-heading">Officers' acknowledgements</h2>
<p>How many of the officers asked to read each version have signed that they read it and will follow it.</p>
<ul>${items}</ul>
</section>`;
}
