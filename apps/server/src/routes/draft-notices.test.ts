import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAccordEvent, type AccordEvent } from "@accord/collab";
import { connectRaw, eventually, type RawClient } from "@accord/test-support/collab-clients.js";
import { publishDemoDraft } from "@accord/test-support/publish-draft.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

// Issue 16, item 2: what someone does to a draft or its workflow is told to everyone on the draft, in
// words, as it happens: who decided how many suggestions, and each step of the workflow with its version.
describe.each(testDatabaseKinds())("notices to everyone on a draft, on %s", (kind) => {
  let accord: TestAccord;
  let origin = "";
  let policyId = "";
  let reader: RawClient;

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    origin = await accord.listen();
    const observer = await accord.logIn("observer@accord.test");
    policyId = (await accord.request({ url: "/api/policies", cookie: observer })).json().policies[0].id;
    // A reader: told as much as an editor, since the text and the stage change under them too.
    reader = connectRaw(origin, `/collab/${policyId}`, { cookie: observer, origin });
    await reader.opened;
  });
  afterAll(async () => {
    reader?.socket.terminate();
    await accord.close();
  });

  const noticesHeard = (): AccordEvent[] =>
    reader.received.map((bytes) => decodeAccordEvent(bytes)).filter((event): event is AccordEvent => event !== null);

  it("tells who accepted the pending suggestions, then each step from proposal to publication", async () => {
    const pending = (
      await accord.request({ url: `/api/policies/${policyId}/suggestions`, cookie: await accord.logIn("officer@accord.test") })
    )
      .json()
      .suggestions.map((suggestion: { id: string }) => suggestion.id);
    expect(pending.length).toBeGreaterThan(0);

    const versionNumber = await publishDemoDraft(accord, "2026-11-27");
    await eventually(
      () => noticesHeard().some((event) => event.kind === "workflow-step" && event.step === "published"),
      "the publication is told",
    );

    const by = "Sgt. Marcus Reyes";
    const facilitator = "Dana Whitfield (Facilitator)";
    const notices = noticesHeard();
    expect(notices[0]).toEqual({ kind: "suggestions-decided", decision: "accepted", count: new Set(pending).size, decidedBy: by });
    expect(notices.slice(1)).toEqual([
      { kind: "workflow-step", step: "proposed", versionNumber, by: facilitator },
      // The last sign-off (the prosecutor's) sends it to the bodies; the last approval (the union's) approves it.
      { kind: "workflow-step", step: "sent-to-bodies", versionNumber, by: "ADA Helen Okafor" },
      { kind: "workflow-step", step: "approved", versionNumber, by: "Tom Brennan (Police Union)" },
      { kind: "workflow-step", step: "published", versionNumber, by: facilitator },
    ]);
  });
});
