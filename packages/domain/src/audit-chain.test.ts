import { describe, expect, it } from "vitest";
import { chainAuditEvent, genesisHash, hashAuditEvent, verifyAuditChain, type AuditEvent } from "./audit-chain.js";

function buildChain(length: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let index = 0; index < length; index++) {
    events.push(
      chainAuditEvent(events.at(-1) ?? null, {
        occurredAt: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
        actorId: "5b7c4a8e-0000-4000-8000-000000000001",
        action: "member.added",
        subjectType: "policy",
        subjectId: "p1",
        payload: { userId: `u${index}`, role: "editor" },
      }),
    );
  }
  return events;
}

describe("the audit chain", () => {
  it("starts from the genesis hash and links every entry to the one before", () => {
    const chain = buildChain(3);
    expect(chain[0]?.prevHash).toBe(genesisHash);
    expect(chain[1]?.prevHash).toBe(chain[0]?.hash);
    expect(chain.map((event) => event.seq)).toEqual([1, 2, 3]);
  });

  it("hashes the same content the same way regardless of key order", () => {
    const [event] = buildChain(1);
    const { prevHash, hash, payload: _payload, ...rest } = event!;
    // The same content with keys in another order, at every level.
    const reordered = { payload: { role: "editor", userId: "u0" }, ...rest };
    expect(hashAuditEvent(reordered, prevHash)).toBe(hash);
  });

  it("verifies an intact chain and reports its head", () => {
    const chain = buildChain(4);
    expect(verifyAuditChain(chain)).toEqual({ ok: true, count: 4, head: { seq: 4, hash: chain[3]?.hash } });
  });

  it("verifies an empty chain", () => {
    expect(verifyAuditChain([])).toEqual({ ok: true, count: 0, head: null });
  });

  it("names an entry whose content was changed", () => {
    const chain = buildChain(4);
    chain[1] = { ...chain[1]!, payload: { userId: "intruder", role: "editor" } };
    expect(verifyAuditChain(chain)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringContaining("altered") });
  });

  it("names the gap where an entry was deleted", () => {
    const chain = buildChain(4);
    chain.splice(2, 1);
    expect(verifyAuditChain(chain)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining("missing") });
  });

  it("names the place where two entries were swapped", () => {
    const chain = buildChain(4);
    [chain[1], chain[2]] = [chain[2]!, chain[1]!];
    expect(verifyAuditChain(chain)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it("names an entry re-hashed after its change, because the next one no longer follows it", () => {
    const chain = buildChain(4);
    const { prevHash, hash: _oldHash, ...content } = chain[1]!;
    const forged = { ...content, payload: { userId: "intruder" } };
    chain[1] = { ...forged, prevHash, hash: hashAuditEvent(forged, prevHash) };
    expect(verifyAuditChain(chain)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining("does not follow") });
  });

  it("detects a rewrite of the whole chain from some entry on by comparing with a head recorded earlier", () => {
    const original = buildChain(5);
    const recordedHead = { seq: 4, hash: original[3]!.hash };
    // Rewrite entries 3..5 consistently: each hash recomputed, so the chain alone looks intact.
    const rewritten = original.slice(0, 2);
    for (let index = 2; index < 5; index++) {
      const { prevHash: _p, hash: _h, seq: _s, ...content } = original[index]!;
      rewritten.push(chainAuditEvent(rewritten.at(-1)!, { ...content, payload: { forged: true } }));
    }
    expect(verifyAuditChain(rewritten).ok).toBe(true);
    expect(verifyAuditChain(rewritten, [recordedHead])).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it("detects a truncated chain by comparing with a head recorded earlier", () => {
    const original = buildChain(5);
    expect(verifyAuditChain(original.slice(0, 3), [{ seq: 5, hash: original[4]!.hash }])).toMatchObject({
      ok: false,
      brokenAt: 4,
      reason: expect.stringContaining("removed"),
    });
  });
});
