import { describe, expect, it } from "vitest";
import { renderPolicyHtml } from "@accord/policy-render";
import { policySchema } from "@accord/policy-schema";
import {
  describeChangeSize,
  formatChangeSize,
  formatVersionTime,
  holdsSuggestions,
  versionAuthor,
  versionTitle,
} from "./version-format.js";

describe("formatChangeSize", () => {
  it("shows words added and removed with a real minus sign", () => {
    expect(formatChangeSize(120, 8)).toBe("+120 / \u22128 words");
  });

  it("shows nothing changed as zeros rather than hiding the size", () => {
    expect(formatChangeSize(0, 0)).toBe("+0 / \u22120 words");
  });

  it("groups thousands so large rewrites stay readable", () => {
    expect(formatChangeSize(12_345, 1_000)).toBe("+12,345 / \u22121,000 words");
  });
});

describe("describeChangeSize", () => {
  it("says the size of change in words for screen readers", () => {
    expect(describeChangeSize(120, 8)).toBe("120 words added, 8 removed");
    expect(describeChangeSize(1, 0)).toBe("1 word added, 0 removed");
    expect(describeChangeSize(0, 0)).toBe("no words changed");
  });
});

describe("formatVersionTime", () => {
  it("formats a time in the given locale and time zone", () => {
    expect(formatVersionTime("2026-03-12T14:05:00.000Z", "en-GB", "UTC")).toBe("12 Mar 2026, 14:05");
    expect(formatVersionTime("2026-03-12T14:05:00.000Z", "en-US", "America/Los_Angeles")).toMatch(
      // ICU versions differ on the space before AM (a plain or a narrow no-break space).
      /^Mar 12, 2026, 7:05\sAM$/,
    );
  });

  it("shows an unreadable time as it came rather than as Invalid Date", () => {
    expect(formatVersionTime("yesterday")).toBe("yesterday");
  });

  it("builds one formatter per locale and time zone, however many times it formats (the draft page formats on every keystroke)", () => {
    const intl = Intl as { DateTimeFormat: typeof Intl.DateTimeFormat };
    const original = intl.DateTimeFormat;
    let built = 0;
    intl.DateTimeFormat = class extends original {
      constructor(...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        super(...args);
        built++;
      }
    } as typeof Intl.DateTimeFormat;
    try {
      const times = Array.from({ length: 50 }, (_unused, minute) =>
        formatVersionTime(`2026-03-12T14:${String(minute).padStart(2, "0")}:00.000Z`, "en-GB", "Asia/Tokyo"),
      );
      expect(times[0]).toBe("12 Mar 2026, 23:00");
      expect(times[49]).toBe("12 Mar 2026, 23:49");
      expect(built).toBeLessThanOrEqual(1);
    } finally {
      intl.DateTimeFormat = original;
    }
  });
});

describe("versionAuthor and versionTitle", () => {
  it("names the author, or says plainly that the account is gone", () => {
    expect(versionAuthor({ authorName: "Sgt. Marcus Reyes" })).toBe("Sgt. Marcus Reyes");
    expect(versionAuthor({ authorName: null })).toBe("An account that no longer exists");
  });

  it("titles a version by number and label", () => {
    expect(versionTitle({ number: 3, label: "Before my change" })).toBe("Version 3: Before my change");
  });
});

describe("holdsSuggestions", () => {
  const { insertion } = policySchema.marks;
  const paragraph = (...text: ReturnType<typeof policySchema.text>[]) => policySchema.nodes.paragraph.create(null, text);
  const render = (...blocks: ReturnType<typeof paragraph>[]) => renderPolicyHtml(policySchema.nodes.doc.create(null, blocks));

  it("sees a pending suggestion in the server's rendering of a version", () => {
    const mark = insertion.create({ id: "s1", author: "u1", affiliation: "citizen", time: "2026-11-28T09:00:00.000Z" });
    expect(holdsSuggestions(render(paragraph(policySchema.text("Kept "), policySchema.text("suggested", [mark]))))).toBe(true);
  });

  it("sees none in plain text, even text that speaks of <ins>", () => {
    expect(holdsSuggestions(render(paragraph(policySchema.text('Text about <ins class="suggestion x"> tags'))))).toBe(false);
  });
});
