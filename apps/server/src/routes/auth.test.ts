import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

const minute = 60_000;

describe.each(testDatabaseKinds())("sign-in and sessions on %s", (kind) => {
  let accord: TestAccord;
  beforeAll(async () => {
    accord = await startTestAccord(kind, {
      env: { SESSION_IDLE_MINUTES: "30", SESSION_MAX_HOURS: "8", LOGIN_MAX_FAILURES_PER_ACCOUNT: "3" },
    });
  });
  afterAll(() => accord.close());

  it("signs in a demo member with an HttpOnly, SameSite=Lax session cookie", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "officer@accord.test", password: "accord-demo" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().account).toMatchObject({ email: "officer@accord.test", isFacilitator: false });
    const cookie = response.cookies.find((candidate) => candidate.name === "accord_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.value).toMatch(/^[a-z2-7]{32}$/);
  });

  it("treats the email without regard to case and surrounding space", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "  Citizen@Accord.TEST ", password: "accord-demo" },
    });
    expect(response.statusCode).toBe(200);
  });

  it("issues a new token at every sign-in", async () => {
    const first = await accord.logIn("prosecutor@accord.test");
    const second = await accord.logIn("prosecutor@accord.test");
    expect(first).not.toBe(second);
  });

  it("answers a wrong password and an unknown email identically with 401", async () => {
    const wrongPassword = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "observer@accord.test", password: "not-it" },
    });
    const unknownEmail = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "nobody@accord.test", password: "not-it" },
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownEmail.json());
    expect(wrongPassword.json().error.code).toBe("invalid_credentials");
    expect(wrongPassword.cookies).toHaveLength(0);
  });

  it("refuses the address that failed repeatedly on an account with 429, even with the right password, until the cool-down", async () => {
    const attempt = (password: string) =>
      accord.request({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: "198.51.100.20",
        payload: { email: "advocate@accord.test", password },
      });
    for (let index = 0; index < 3; index++) expect((await attempt("guess")).statusCode).toBe(401);
    const refused = await attempt("accord-demo");
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("too_many_attempts");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);

    accord.clock.advance(16 * minute);
    expect((await attempt("accord-demo")).statusCode).toBe(200);
  });

  it("lets the owner in with the right password from their own address while a stranger is refused for guessing", async () => {
    const signIn = (remoteAddress: string, password: string) =>
      accord.request({ method: "POST", url: "/api/auth/login", remoteAddress, payload: { email: "union@accord.test", password } });
    for (let index = 0; index < 3; index++) expect((await signIn("198.51.100.66", "guess")).statusCode).toBe(401);
    expect((await signIn("198.51.100.66", "guess")).statusCode).toBe(429);
    expect((await signIn("198.51.100.66", "accord-demo")).statusCode).toBe(429);
    expect((await signIn("203.0.113.10", "accord-demo")).statusCode).toBe(200);
    accord.clock.advance(16 * minute);
  });

  it("throttles an unknown email exactly like a real one, so the throttle reveals nothing", async () => {
    const attempt = () =>
      accord.request({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: "198.51.100.21",
        payload: { email: "ghost@accord.test", password: "guess" },
      });
    for (let index = 0; index < 3; index++) expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(429);
    accord.clock.advance(16 * minute);
  });

  it("answers who is signed in, and 401 without a session", async () => {
    const cookie = await accord.logIn("citizen@accord.test");
    const me = await accord.request({ url: "/api/auth/me", cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json().account).toMatchObject({ email: "citizen@accord.test", displayName: "Priya Natarajan" });
    const anonymous = await accord.request({ url: "/api/auth/me" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe("unauthenticated");
  });

  it("ends the session at logout, and the old cookie no longer works", async () => {
    const cookie = await accord.logIn("citizen@accord.test");
    const logout = await accord.request({ method: "POST", url: "/api/auth/logout", cookie });
    expect(logout.statusCode).toBe(204);
    expect(logout.cookies.find((candidate) => candidate.name === "accord_session")?.value).toBe("");
    expect((await accord.request({ url: "/api/auth/me", cookie })).statusCode).toBe(401);
  });

  it("ends a session idle for longer than the idle timeout", async () => {
    const cookie = await accord.logIn("officer@accord.test");
    accord.clock.advance(29 * minute);
    expect((await accord.request({ url: "/api/auth/me", cookie })).statusCode).toBe(200);
    // Activity slid the expiry: 29 more minutes is still within 30 of the last use.
    accord.clock.advance(29 * minute);
    expect((await accord.request({ url: "/api/auth/me", cookie })).statusCode).toBe(200);
    accord.clock.advance(31 * minute);
    expect((await accord.request({ url: "/api/auth/me", cookie })).statusCode).toBe(401);
  });

  it("ends an active session at the absolute maximum lifetime", async () => {
    const cookie = await accord.logIn("officer@accord.test");
    for (let elapsed = 0; elapsed < 8 * 60 - 20; elapsed += 20) {
      accord.clock.advance(20 * minute);
      expect((await accord.request({ url: "/api/auth/me", cookie })).statusCode).toBe(200);
    }
    accord.clock.advance(20 * minute);
    expect((await accord.request({ url: "/api/auth/me", cookie })).statusCode).toBe(401);
  });

  it("changes a password after checking the current one, ending every other session", async () => {
    const other = await accord.logIn("prosecutor@accord.test");
    const current = await accord.logIn("prosecutor@accord.test");
    const wrong = await accord.request({
      method: "POST",
      url: "/api/auth/password",
      cookie: current,
      payload: { currentPassword: "wrong", newPassword: "a much better passphrase" },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe("wrong_password");

    const changed = await accord.request({
      method: "POST",
      url: "/api/auth/password",
      cookie: current,
      payload: { currentPassword: "accord-demo", newPassword: "a much better passphrase" },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().endedSessions).toBeGreaterThanOrEqual(1);
    expect((await accord.request({ url: "/api/auth/me", cookie: other })).statusCode).toBe(401);
    expect((await accord.request({ url: "/api/auth/me", cookie: current })).statusCode).toBe(200);
    await accord.logIn("prosecutor@accord.test", "a much better passphrase");
  });

  it("refuses a new password shorter than 8 characters with the offending field", async () => {
    const cookie = await accord.logIn("citizen@accord.test");
    const response = await accord.request({
      method: "POST",
      url: "/api/auth/password",
      cookie,
      payload: { currentPassword: "accord-demo", newPassword: "short" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ path: "/body/newPassword", message: expect.any(String) }]);
  });

  it("stores only the SHA-256 of a session token, never the token", async () => {
    const cookie = await accord.logIn("observer@accord.test");
    const token = cookie.split("=")[1]!;
    const rows = await accord.database.db.selectFrom("sessions").select("id").execute();
    expect(rows.some((row) => row.id === token)).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.id))).toBe(true);
  });
});

describe("the per-address sign-in flood guard", () => {
  let accord: TestAccord;
  beforeAll(async () => {
    accord = await startTestAccord("pglite", { env: { LOGIN_REQUESTS_PER_MINUTE: "5" } });
  });
  afterAll(() => accord.close());

  it("answers 429 to one address trying many different accounts", async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 6; index++) {
      const response = await accord.request({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: `person${index}@example.org`, password: "guess" },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("does not hold back another address", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "203.0.113.9",
      payload: { email: "officer@accord.test", password: "accord-demo" },
    });
    expect(response.statusCode).toBe(200);
  });
});

describe("the per-address failure throttle", () => {
  let accord: TestAccord;
  beforeAll(async () => {
    accord = await startTestAccord("pglite", { env: { LOGIN_MAX_FAILURES_PER_ADDRESS: "4" } });
  });
  afterAll(() => accord.close());

  it("refuses an address whose failures spread over many accounts, until the cool-down", async () => {
    for (let index = 0; index < 4; index++) {
      const response = await accord.request({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: "198.51.100.7",
        payload: { email: `spray${index}@example.org`, password: "guess" },
      });
      expect(response.statusCode).toBe(401);
    }
    const refused = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "198.51.100.7",
      payload: { email: "officer@accord.test", password: "accord-demo" },
    });
    expect(refused.statusCode).toBe(429);
    accord.clock.advance(16 * minute);
    const allowed = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "198.51.100.7",
      payload: { email: "officer@accord.test", password: "accord-demo" },
    });
    expect(allowed.statusCode).toBe(200);
  });
});

describe.each(testDatabaseKinds())("a sign-in attack from many addresses on %s", (kind) => {
  let accord: TestAccord;
  beforeAll(async () => {
    accord = await startTestAccord(kind, { env: { LOGIN_ACCOUNT_FREE_FAILURES: "10" } });
  });
  afterAll(() => accord.close());

  const signIn = (remoteAddress: string, password: string) =>
    accord.request({ method: "POST", url: "/api/auth/login", remoteAddress, payload: { email: "board@accord.test", password } });
  const attackers = Array.from({ length: 12 }, (_, index) => `198.51.100.${100 + index}`);

  it("slows every address that has failed on the account, and lets it try again after the wait", async () => {
    for (const address of attackers) expect((await signIn(address, "guess")).statusCode).toBe(401);
    // 12 failures on the account, 10 free: the account asks 4 s of a failing address, bounded by that
    // address's own failures: 1 s after its first, 4 s after its second (the account asks 8 s by then).
    const slowed = await signIn(attackers[0]!, "guess");
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers["retry-after"])).toBe(1);
    accord.clock.advance(1000);
    expect((await signIn(attackers[0]!, "guess")).statusCode).toBe(401);
    const slowerStill = await signIn(attackers[0]!, "guess");
    expect(slowerStill.statusCode).toBe(429);
    expect(Number(slowerStill.headers["retry-after"])).toBe(4);
  });

  it("still lets the owner in with the right password from an address with no failures", async () => {
    expect((await signIn("203.0.113.77", "accord-demo")).statusCode).toBe(200);
  });

  it("counts IPv6 addresses of one /64 as one address", async () => {
    const guess = (remoteAddress: string) =>
      accord.request({ method: "POST", url: "/api/auth/login", remoteAddress, payload: { email: "union@accord.test", password: "guess" } });
    for (let host = 1; host <= 5; host++) expect((await guess(`2001:db8:7:7::${host}`)).statusCode).toBe(401);
    expect((await guess("2001:db8:7:7::99")).statusCode).toBe(429);
    expect((await guess("2001:db8:7:8::1")).statusCode).toBe(401);
  });
});

describe("production cookies", () => {
  let accord: TestAccord;
  beforeAll(async () => {
    accord = await startTestAccord("pglite", {
      env: { NODE_ENV: "production", PUBLIC_ORIGIN: "https://accord.example.org", DATABASE_URL: "postgres://injected/by-test" },
    });
  });
  afterAll(() => accord.close());

  it("uses the __Host- prefix and Secure", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      origin: "https://accord.example.org",
      payload: { email: "facilitator@accord.test", password: "accord-demo" },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((candidate) => candidate.name === "__Host-accord_session");
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie).not.toHaveProperty("domain");
  });
});
