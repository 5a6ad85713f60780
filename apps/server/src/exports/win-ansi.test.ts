import { describe, expect, it } from "vitest";
import { isWinAnsi, toWinAnsi } from "./win-ansi.js";

describe("toWinAnsi", () => {
  it("keeps typographic characters that WinAnsi has", () => {
    const text = "“quoted” ‘single’ – — • § … € ™ Zoë ½";
    expect(toWinAnsi(text)).toBe(text);
  });

  it("spells other characters in WinAnsi, or as ? when there is no spelling", () => {
    expect(toWinAnsi("a → b ≤ c − d")).toBe("a -> b <= c - d");
    expect(toWinAnsi("Łódź, Kraków, ﬁne, ő")).toBe("Lódz, Kraków, fine, o");
    expect(toWinAnsi("x\u200by\u2009z")).toBe("xy z");
    expect(toWinAnsi("Москва 😀")).toBe("?????? ?");
  });

  it("keeps line breaks and knows the encoding's range", () => {
    expect(toWinAnsi("a\nb")).toBe("a\nb");
    expect(isWinAnsi(0x2022)).toBe(true);
    expect(isWinAnsi(0x2192)).toBe(false);
    expect(isWinAnsi(0x81)).toBe(false);
  });
});
