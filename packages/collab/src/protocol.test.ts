import { describe, expect, it } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import { collabCloseCodes, collabCloseEvents, collabMessageTypes, collabSyncMessageTypes, providerReconnects } from "./protocol.js";

describe("the collaboration protocol table", () => {
  it("names each close by its key and gives each a code of its own", () => {
    const events = Object.entries(collabCloseEvents);
    for (const [key, event] of events) expect(event.name).toBe(key);
    expect(new Set(events.map(([, event]) => event.code)).size).toBe(events.length);
  });

  it("says the provider reconnects exactly after the codes outside 4400-4499", () => {
    // y-websocket's defaultShouldReconnect stops for 4400-4499 only; the table must not promise otherwise.
    for (const event of Object.values(collabCloseEvents)) {
      expect({ code: event.code, reconnect: event.reconnect }).toEqual({ code: event.code, reconnect: providerReconnects(event.code) });
    }
    expect([4399, 4400, 4499, 4500].map(providerReconnects)).toEqual([true, false, false, true]);
  });

  it("gives the bare codes by the same names as the events", () => {
    expect(Object.keys(collabCloseCodes).sort()).toEqual(Object.keys(collabCloseEvents).sort());
    for (const [name, event] of Object.entries(collabCloseEvents)) {
      expect(collabCloseCodes[name as keyof typeof collabCloseCodes]).toBe(event.code);
    }
  });

  it("keeps y-protocols' message types and puts Accord's own event beyond them", () => {
    expect(collabMessageTypes).toEqual({ sync: 0, awareness: 1, auth: 2, queryAwareness: 3, accordEvent: 100 });
    expect(collabSyncMessageTypes).toEqual({
      step1: syncProtocol.messageYjsSyncStep1,
      step2: syncProtocol.messageYjsSyncStep2,
      update: syncProtocol.messageYjsUpdate,
    });
  });
});
