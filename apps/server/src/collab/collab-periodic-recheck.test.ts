import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collabCloseCodes } from "@accord/collab";
import { connectRaw, eventually, type CloseInfo, type RawClient } from "@accord/test-support/collab-clients.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";

// The periodic re-check is what ends a socket when nothing announces the change: here, sessions that
// expire while their sockets are open. It is spread over its interval (a slice of the sockets per tick),
// and every socket must still be re-checked once per interval.
describe("the periodic re-check of open collaboration sockets", () => {
  let accord: TestAccord;
  let origin = "";
  let policyId = "";
  const sockets: RawClient[] = [];

  beforeAll(async () => {
    accord = await startTestAccord("pglite", { env: { COLLAB_RECHECK_SECONDS: "1" } });
    origin = await accord.listen();
    const facilitator = await accord.logIn("facilitator@accord.test");
    policyId = (await accord.request({ url: "/api/policies", cookie: facilitator })).json<{ policies: { id: string }[] }>().policies[0]!.id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.socket.terminate();
    await accord.close();
  });

  it("closes every socket whose session has expired within the interval, each with 4401, and leaves none open", async () => {
    // Twelve sockets of six people, more than the re-check's ten slices, so that every slice has some.
    for (const name of ["officer", "citizen", "prosecutor", "advocate", "observer", "board"]) {
      const cookie = await accord.logIn(`${name}@accord.test`);
      for (let tab = 0; tab < 2; tab++) sockets.push(connectRaw(origin, `/collab/${policyId}`, { origin, cookie }));
    }
    await Promise.all(sockets.map((socket) => socket.opened));
    const closes: CloseInfo[] = [];
    for (const socket of sockets) void socket.closed.then((close) => closes.push(close));

    // Two days pass with no request: every session has been idle past its 24 hours.
    accord.clock.advance(2 * 24 * 3_600_000);
    await eventually(() => closes.length === sockets.length, "every socket was re-checked and closed", 60_000);
    for (const close of closes) expect(close).toEqual({ code: collabCloseCodes.unauthenticated, reason: "Your session has ended." });
  });
});
