import { describe, expect, it } from "vitest";
import { forbiddenCharacterIn } from "./text-rule.js";

describe("the text rule", () => {
  it.each(["Body-Worn Camera Policy", "Tab\tseparated", "Café «quoted» — 🎥 ünïcode", "", "\u2028 is a character"])(
    "accepts %j on one line and on several",
    (text) => {
      expect(forbiddenCharacterIn(text, "single-line")).toBeNull();
      expect(forbiddenCharacterIn(text, "multi-line")).toBeNull();
    },
  );

  it("accepts line breaks only where a field holds several lines", () => {
    expect(forbiddenCharacterIn("one\ntwo\r\nthree", "multi-line")).toBeNull();
    expect(forbiddenCharacterIn("one\ntwo", "single-line")).toBe("U+000A");
    expect(forbiddenCharacterIn("one\rtwo", "single-line")).toBe("U+000D");
  });

  it.each([
    ["a\u0000b", "U+0000"],
    ["\u0001", "U+0001"],
    ["a\u000Bb", "U+000B"],
    ["a\u000Cb", "U+000C"],
    ["\u001F", "U+001F"],
    ["del\u007F", "U+007F"],
    ["c1\u0085", "U+0085"],
    ["c1\u009F", "U+009F"],
    ["lone \uD800 high", "U+D800"],
    ["lone \uDFFF low", "U+DFFF"],
    ["not a character \uFFFE", "U+FFFE"],
    ["not a character \uFFFF", "U+FFFF"],
    ["not a character \uFDD0", "U+FDD0"],
    ["not a character \uFDEF", "U+FDEF"],
    ["not a character \u{1FFFE}", "U+1FFFE"],
    ["not a character \u{10FFFF}", "U+10FFFF"],
  ])("refuses %j everywhere, naming %s", (text, character) => {
    expect(forbiddenCharacterIn(text, "single-line")).toBe(character);
    expect(forbiddenCharacterIn(text, "multi-line")).toBe(character);
  });

  it("names the first refused character of every code point from U+0000 to U+00A0 as its own", () => {
    for (let code = 0; code <= 0xa0; code += 1) {
      const character = String.fromCharCode(code);
      const allowedOnOneLine = code === 0x09 || (code >= 0x20 && code < 0x7f) || code === 0xa0;
      const allowedOnSeveral = allowedOnOneLine || code === 0x0a || code === 0x0d;
      const name = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
      expect(forbiddenCharacterIn(`x${character}`, "single-line")).toBe(allowedOnOneLine ? null : name);
      expect(forbiddenCharacterIn(`x${character}`, "multi-line")).toBe(allowedOnSeveral ? null : name);
    }
  });
});
