import { describe, expect, it } from "vitest";
import { absoluteLink, renderNotificationEmail } from "./email-message.js";

const origin = "https://accord.example.org";

describe("the notification e-mail", () => {
  const email = renderNotificationEmail(
    {
      recipientName: `Ann "<O'Neil>"`,
      title: "Decision\r\nBcc: all@example.org",
      body: "First <i>line</i>\nsecond\n\nNext & last",
      link: "/app/policies/p1",
    },
    origin,
  );

  it("puts the title on one line as the subject, so it cannot add headers", () => {
    expect(email.subject).toBe("Decision Bcc: all@example.org");
  });

  it("ends the plain text with the full link", () => {
    expect(email.text).toContain("First <i>line</i>\nsecond\n\nNext & last");
    expect(email.text).toContain(`Open it in Accord: ${origin}/app/policies/p1`);
  });

  it("escapes every piece of text in the HTML and keeps the paragraphs", () => {
    expect(email.html).toContain("<p>Hello Ann &quot;&lt;O&#39;Neil&gt;&quot;,</p>");
    expect(email.html).toContain("<p>First &lt;i&gt;line&lt;/i&gt;<br>second</p>\n<p>Next &amp; last</p>");
    expect(email.html).toContain(`<a href="${origin}/app/policies/p1">`);
    expect(email.html).not.toContain("<i>");
  });
});

describe("links in e-mails", () => {
  it.each([
    ["/app/policies/p1?tab=versions#v2", `${origin}/app/policies/p1?tab=versions#v2`],
    ["https://evil.example/phish", `${origin}/app/`],
    ["//evil.example/phish", `${origin}/app/`],
    ["/\\evil.example", `${origin}/app/`],
    ["javascript:alert(1)", `${origin}/app/`],
    ["app/relative", `${origin}/app/`],
  ])("turns %s into %s", (link, expected) => {
    expect(absoluteLink(origin, link)).toBe(expected);
  });
});
