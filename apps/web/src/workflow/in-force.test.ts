import type { PublicationSummary } from "@accord/api-contract";
import { describe, expect, it } from "vitest";
import { publicationsInForce } from "./in-force.js";

const publication = (versionNumber: number, effectiveDate: string, standing: PublicationSummary["standing"]): PublicationSummary => ({
  versionNumber,
  contentHash: "0".repeat(64),
  proposalId: `proposal-${versionNumber}`,
  effectiveDate,
  publishedAt: "2026-12-06T10:00:00.000Z",
  standing,
});

describe("publicationsInForce", () => {
  it("names the earlier version in force while the newest is adopted and yet to take effect", () => {
    const v2 = publication(2, "2027-01-01", "adopted");
    const v1 = publication(1, "2026-01-01", "in_force");
    expect(publicationsInForce([v2, v1])).toEqual({ inForce: v1, adopted: [v2] });
  });

  it("names nothing in force before a first publication takes effect", () => {
    const v1 = publication(1, "2027-01-01", "adopted");
    expect(publicationsInForce([v1])).toEqual({ inForce: undefined, adopted: [v1] });
  });

  it("names the newest in force once it has taken effect", () => {
    const v2 = publication(2, "2027-01-01", "in_force");
    expect(publicationsInForce([v2, publication(1, "2026-01-01", "superseded")])).toEqual({ inForce: v2, adopted: [] });
  });
});
