import { describe, expect, it } from "vitest";
import { extendDirectory, unnamedAuthors } from "./author-directory.js";

describe("author directory", () => {
  const me = { id: "me", name: "Me Myself", affiliation: "citizen" };

  it("names authors from the working group and from the people the suggestions endpoint names", () => {
    const directory = extendDirectory(
      extendDirectory(new Map(), [], [me]),
      [{ userId: "ana", displayName: "Ana Ruiz", affiliation: "community" }],
      [{ id: "fran", name: "Fran Lee", affiliation: null }],
    );
    expect(Object.fromEntries(directory)).toEqual({
      me: { name: "Me Myself", affiliation: "citizen" },
      ana: { name: "Ana Ruiz", affiliation: "community" },
      fran: { name: "Fran Lee", affiliation: null },
    });
  });

  it("lists each author it cannot name once", () => {
    const directory = extendDirectory(new Map(), [], [me]);
    expect(unnamedAuthors(directory, ["me", "ana", "ana", "ben"])).toEqual(["ana", "ben"]);
  });
});
