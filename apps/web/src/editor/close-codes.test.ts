import { collabCloseEvents } from "@accord/collab/protocol";
import { describe, expect, it } from "vitest";
import { closeOutcome } from "./close-codes.js";

describe("closeOutcome", () => {
  it("sends a person whose session ended (4401) to sign in", () => {
    expect(closeOutcome(4401)).toEqual({ kind: "sign-in" });
  });

  it("turns the editor read-only when editing is refused (4403)", () => {
    expect(closeOutcome(4403)).toEqual({ kind: "read-only", message: "You can no longer edit this draft." });
  });

  it("says a policy that is gone (4404) is not available, for good", () => {
    expect(closeOutcome(4404)).toEqual({ kind: "message", message: "This policy is not available.", permanent: true });
  });

  it("resets the local copy when the server's draft was restored from a backup (4409)", () => {
    const outcome = closeOutcome(4409);
    expect(outcome.kind).toBe("reset");
    expect(outcome.kind === "reset" && outcome.message).toMatch(/restored from a backup.*[Rr]eloading/);
  });

  it("resets the local copy when the server refused a change that was not a suggestion (4422)", () => {
    expect(closeOutcome(4422)).toEqual({ kind: "reset", message: "The server accepted only your suggestions; reloading the draft…" });
  });

  it("asks for a reload after too many changes too fast (4429)", () => {
    expect(closeOutcome(4429)).toEqual({ kind: "message", message: "Too many changes too fast; reload the page.", permanent: true });
  });

  it("explains an oversized change (1009) while the provider keeps reconnecting", () => {
    const outcome = closeOutcome(1009);
    expect(outcome).toMatchObject({ kind: "message", permanent: false });
    expect(outcome.kind === "message" && outcome.message).toMatch(/^That change was too large to send/);
  });

  it("names any other refusal in 4400-4499, which the provider will not retry", () => {
    expect(closeOutcome(4400)).toMatchObject({ kind: "message", permanent: true, message: expect.stringContaining("4400") });
  });

  it("leaves drops, restarts and server errors to the provider's reconnecting", () => {
    for (const code of [1000, 1001, 1006, 1011, 1012, 4500]) expect(closeOutcome(code)).toEqual({ kind: "retry" });
  });

  it("reads every close of the server's protocol table as the provider will treat it", () => {
    // One table for both ends: a refusal the provider gives up on must never look like a retry, and a
    // close it reconnects after must never be shown as final.
    for (const event of Object.values(collabCloseEvents)) {
      const outcome = closeOutcome(event.code);
      const permanent = outcome.kind !== "retry" && !(outcome.kind === "message" && !outcome.permanent);
      expect({ code: event.code, permanent }).toEqual({ code: event.code, permanent: !event.reconnect });
    }
    expect(closeOutcome(collabCloseEvents.unauthenticated.code).kind).toBe("sign-in");
    expect(closeOutcome(collabCloseEvents.forbidden.code).kind).toBe("read-only");
    expect(closeOutcome(collabCloseEvents.messageTooBig.code)).toMatchObject({ permanent: false });
  });
});
