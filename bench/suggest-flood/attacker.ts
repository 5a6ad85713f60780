/**
 * The attacker of `pnpm bench:suggest-flood`, in its own process so that its work never delays the
 * health probe: S sockets of one suggest-only account, each sending a valid own-suggestion update every
 * I ms, and reconnecting at once whenever the server closes it (4429 included). Settings come as JSON in
 * argv[2]; the figures go back to the parent over IPC at the end.
 */
import { openRawDraft, locateText, type RawDraftClient } from "../../tests/support/raw-draft-client.js";

export interface AttackSettings {
  origin: string;
  policyId: string;
  cookie: string;
  userId: string;
  affiliation: string;
  /** An editor's flood of the same shape: plain text, which takes no suggestion check (a reference). */
  asEditor: boolean;
  sockets: number;
  intervalMs: number;
  seconds: number;
}

export interface AttackFigures {
  connects: number;
  failedConnects: number;
  updatesSent: number;
  closesByCode: Record<string, number>;
}

const settings = JSON.parse(process.argv[2] ?? "{}") as AttackSettings;
const figures: AttackFigures = { connects: 0, failedConnects: 0, updatesSent: 0, closesByCode: {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const deadline = Date.now() + settings.seconds * 1000;
let suggestionNumber = 0;

async function oneSocket(index: number): Promise<void> {
  while (Date.now() < deadline) {
    let client: RawDraftClient;
    try {
      client = await openRawDraft(settings.origin, settings.policyId, settings.cookie);
    } catch {
      figures.failedConnects++;
      await sleep(settings.intervalMs);
      continue;
    }
    figures.connects++;
    let open = true;
    void client.raw.closed.then(({ code }) => {
      open = false;
      figures.closesByCode[code] = (figures.closesByCode[code] ?? 0) + 1;
    });
    while (open && Date.now() < deadline) {
      const id = `flood-${index}-${++suggestionNumber}`;
      client.send(() => {
        const found = locateText(client.doc, "Every six months");
        const at = found.index + "Every six months".length;
        if (settings.asEditor) found.text.insert(at, " !");
        else
          found.text.insert(at, " !", {
            insertion: { id, author: settings.userId, affiliation: settings.affiliation, time: "2026-11-28T09:00:00.000Z" },
          });
      });
      figures.updatesSent++;
      await sleep(settings.intervalMs);
    }
    client.close();
  }
}

await Promise.all(Array.from({ length: settings.sockets }, (_, index) => oneSocket(index)));
process.send?.(figures);
process.disconnect?.();
