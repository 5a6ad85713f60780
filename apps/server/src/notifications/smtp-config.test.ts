import { describe, expect, it } from "vitest";
import { describeSmtp, smtpConfigFromEnv } from "./smtp-config.js";

const origin = "https://accord.example.org";

describe("the SMTP settings", () => {
  const read = (env: NodeJS.ProcessEnv) => {
    const problems: string[] = [];
    return { config: smtpConfigFromEnv(env, problems), problems };
  };

  it("is off when SMTP_URL is unset", () => {
    expect(read({})).toEqual({ config: null, problems: [] });
  });

  it("reads SMTP_URL and SMTP_FROM, and describes the server without its password", () => {
    const { config, problems } = read({
      SMTP_URL: "smtps://accord:p4ss@mail.example.org:465",
      SMTP_FROM: "Accord <accord@example.org>",
      PUBLIC_ORIGIN: origin,
    });
    expect(problems).toEqual([]);
    expect(config).toEqual({ url: "smtps://accord:p4ss@mail.example.org:465", from: "Accord <accord@example.org>" });
    expect(describeSmtp(config!)).toBe("smtps://mail.example.org:465");
  });

  it("lists every problem, never repeating the URL", () => {
    const { config, problems } = read({ SMTP_URL: "http://accord:p4ss@mail.example.org" });
    expect(config).toBeNull();
    expect(problems).toHaveLength(3);
    expect(problems.join(" ")).not.toContain("p4ss");
  });

  it("refuses SMTP_FROM without SMTP_URL, and a From that is no address", () => {
    expect(read({ SMTP_FROM: "accord@example.org" }).problems).toHaveLength(1);
    expect(read({ SMTP_URL: "smtp://localhost", SMTP_FROM: "Accord", PUBLIC_ORIGIN: origin }).problems).toHaveLength(1);
  });
});
