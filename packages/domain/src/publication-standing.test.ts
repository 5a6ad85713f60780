import { describe, expect, it } from "vitest";
import { calendarDay, publicationStandings } from "./publication-standing.js";

const published = (effectiveDate: string, publishedOn: string) => ({ effectiveDate, publishedAt: new Date(`${publishedOn}T10:00:00Z`) });

describe("publicationStandings", () => {
  const v1 = published("2026-01-01", "2025-12-01");
  const v2 = published("2027-01-01", "2026-12-06");

  it("keeps the earlier version in force and the new one adopted until its effective date", () => {
    expect(publicationStandings([v2, v1], "2026-12-06")).toEqual(["adopted", "in_force"]);
    expect(publicationStandings([v2, v1], "2026-12-31")).toEqual(["adopted", "in_force"]);
  });

  it("puts the new version in force and supersedes the earlier one from the effective date on", () => {
    expect(publicationStandings([v2, v1], "2027-01-01")).toEqual(["in_force", "superseded"]);
    expect(publicationStandings([v2, v1], "2030-06-30")).toEqual(["in_force", "superseded"]);
  });

  it("has nothing in force before a first publication takes effect", () => {
    expect(publicationStandings([v2], "2026-12-06")).toEqual(["adopted"]);
  });

  it("lets the later publication win when both have taken effect, whatever their effective dates", () => {
    const backdated = published("2025-06-01", "2026-02-01");
    expect(publicationStandings([backdated, v1], "2026-03-01")).toEqual(["in_force", "superseded"]);
  });

  it("supersedes an adopted version that a later publication replaces before it takes effect", () => {
    const late = published("2027-06-01", "2026-11-01");
    const sooner = published("2027-01-01", "2026-11-20");
    expect(publicationStandings([sooner, late, v1], "2026-12-01")).toEqual(["adopted", "superseded", "in_force"]);
    expect(publicationStandings([sooner, late, v1], "2027-07-01")).toEqual(["in_force", "superseded", "superseded"]);
  });

  it("keeps two adopted versions when the later publication takes effect later", () => {
    const first = published("2027-01-01", "2026-11-01");
    const second = published("2027-06-01", "2026-11-20");
    expect(publicationStandings([second, first, v1], "2026-12-01")).toEqual(["adopted", "adopted", "in_force"]);
    expect(publicationStandings([second, first, v1], "2027-02-01")).toEqual(["adopted", "in_force", "superseded"]);
    expect(publicationStandings([second, first, v1], "2027-06-01")).toEqual(["in_force", "superseded", "superseded"]);
  });
});

describe("calendarDay", () => {
  it("is the UTC day of an instant", () => {
    expect(calendarDay(new Date("2026-12-31T23:59:59.999Z"))).toBe("2026-12-31");
    expect(calendarDay(new Date("2027-01-01T00:00:00.000Z"))).toBe("2027-01-01");
  });
});
