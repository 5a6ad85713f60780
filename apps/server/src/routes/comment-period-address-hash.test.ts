import { createHash, createHmac } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDemoCommentPeriod } from "@accord/test-support/open-comment-period.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";
import { buildApp } from "../app.js";
import { installationSecret } from "../storage/installation-secrets.js";

// Issue 17: the public's network addresses are kept only as HMAC-SHA-256 under the installation's own key,
// not as a plain SHA-256 anyone could reverse by hashing all 2^32 IPv4 addresses. Two processes on one
// database use the same key, so the per-address limit still counts across them.
const slug = "body-worn-cameras";

describe.each(testDatabaseKinds())("the public's network addresses, on %s", (kind) => {
  let accord: TestAccord;
  /** A second app on the same database, as a second process would be. */
  let other: FastifyInstance;
  let section = "";
  let periodId = "";
  let facilitator = "";

  const comment = (app: FastifyInstance, body: string, address: string) =>
    app.inject({
      method: "POST",
      url: `/policies/${slug}/comments`,
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://accord.test" },
      payload: new URLSearchParams({ section, body }).toString(),
      remoteAddress: address,
    });
  const storedHashes = async (body: string) =>
    (await accord.database.db.selectFrom("public_comments").select("address_hash").where("body", "=", body).execute()).map(
      (row) => row.address_hash,
    );

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    const now = accord.clock.now().getTime();
    const opened = await openDemoCommentPeriod(accord, { opensAt: new Date(now), closesAt: new Date(now + 7 * 24 * 3600_000) });
    periodId = opened.periodId;
    facilitator = opened.facilitator;
    const queue = await accord.request({ url: `/api/comment-periods/${periodId}/comments`, cookie: facilitator });
    section = queue.json().sections[1].number as string;
    other = await buildApp({ config: accord.config, db: accord.database.db, now: accord.clock.now, logger: false });
    await other.ready();
  }, 120_000);
  afterAll(async () => {
    await other.close();
    await accord.close();
  });

  it("makes one secret per name, the same for callers racing to make it", async () => {
    const keys = await Promise.all(
      Array.from({ length: 5 }, () => installationSecret(accord.database.db, "public-comment-address", accord.clock.now())),
    );
    expect(keys[0]!.length).toBe(32);
    for (const key of keys) expect(key.equals(keys[0]!)).toBe(true);
    const rows = await accord.database.db.selectFrom("installation_secrets").selectAll().execute();
    expect(rows.map((row) => row.name)).toEqual(["public-comment-address"]);
  });

  it("stores an HMAC of the address under the installation's key, not its SHA-256", async () => {
    const address = "198.51.100.23";
    expect((await comment(accord.app, "Hashed with a key, one.", address)).statusCode).toBe(303);
    const [stored] = await storedHashes("Hashed with a key, one.");
    const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toBe(sha256(address));
    expect(stored).not.toBe(sha256(`accord:public-comment-address:${address}`));
    const key = await installationSecret(accord.database.db, "public-comment-address", accord.clock.now());
    expect(stored).toBe(createHmac("sha256", key).update(address).digest("hex"));
  });

  it("hashes an address the same in two apps on one database, so the limit of 20 an hour counts across both", async () => {
    const address = "203.0.113.9";
    expect((await comment(accord.app, "From the first app.", address)).statusCode).toBe(303);
    expect((await comment(other, "From the second app.", address)).statusCode).toBe(303);
    const [first] = await storedHashes("From the first app.");
    const [second] = await storedHashes("From the second app.");
    expect(second).toBe(first);
    const answers: number[] = [];
    for (let index = 0; index < 18; index++)
      answers.push((await comment(index % 2 === 0 ? accord.app : other, `Flood ${index}`, address)).statusCode);
    expect(answers.every((status) => status === 303)).toBe(true);
    // Twenty from this address now, half through each app: the 21st is refused by either.
    expect((await comment(other, "One too many.", address)).statusCode).toBe(429);
    expect((await comment(accord.app, "One too many again.", address)).statusCode).toBe(429);
  });
});
