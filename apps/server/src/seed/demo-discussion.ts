import type { Kysely } from "kysely";
import { initProseMirrorDoc } from "y-prosemirror";
import * as Y from "yjs";
import { anchorForRange, contentFragmentName, decodeCommentAnchor, type EncodedCommentAnchor } from "@accord/collab";
import { policySchema } from "@accord/policy-schema";
import { insertComment, insertThread } from "../storage/comments.js";
import type { Database } from "../storage/database.js";
import { findTextRange } from "./demo-suggestions.js";

/** The demo people who take part in the discussion, by their user ids. */
export interface DemoDiscussants {
  officer: string;
  citizen: string;
  prosecutor: string;
  advocate: string;
}

interface DemoComment {
  authorId: string;
  body: string;
  mentions: string[];
  hoursAgo: number;
}

/** One demo thread, anchored and ready to insert. */
export interface DemoThread {
  anchor: EncodedCommentAnchor;
  quote: string;
  comments: DemoComment[];
  resolved: { by: string; hoursAgo: number } | null;
}

/** The draft's state after the demo's edits, and the threads anchored in it. */
export interface DemoDiscussion {
  draftState: Uint8Array;
  threads: DemoThread[];
}

/**
 * Anchors the demo threads in the seeded draft, as the editor would (y-prosemirror relative positions
 * of the quoted text), then deletes the text of one of them, as an editor later did: that thread shows
 * "on deleted text" with its quote. Returns the draft's new state, which holds that deletion.
 */
export function prepareDemoDiscussion(draftState: Uint8Array, people: DemoDiscussants): DemoDiscussion {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, draftState);
    const { doc } = initProseMirrorDoc(ydoc.getXmlFragment(contentFragmentName), policySchema);
    const anchorOf = (quote: string) => {
      const range = findTextRange(doc, quote);
      return anchorForRange(ydoc, range.from, range.to);
    };
    const thread = (quote: string, comments: DemoComment[], resolved: DemoThread["resolved"] = null): DemoThread => ({
      anchor: anchorOf(quote),
      quote,
      comments,
      resolved,
    });

    const deletedQuote = ", and the median time taken to respond";
    const threads = [
      thread("Buffered video does not satisfy this duty.", [
        {
          authorId: people.advocate,
          body: "Most residents will not know what buffered video is. Can the policy say it in plain words, or define it?",
          mentions: [],
          hoursAgo: 50,
        },
        {
          authorId: people.officer,
          body: "It is the 30 seconds the camera keeps from before it is switched on. I can add that to Definitions.",
          mentions: [],
          hoursAgo: 46,
        },
      ]),
      thread("180", [
        {
          authorId: people.prosecutor,
          body: "@Sgt. Marcus Reyes discovery in late-filed cases needs the full 180 days; 120 would cut some of them off.",
          mentions: [people.officer],
          hoursAgo: 5,
        },
      ]),
      thread(
        "medical information",
        [
          { authorId: people.citizen, body: "Does this cover recordings inside ambulances?", mentions: [], hoursAgo: 70 },
          {
            authorId: people.prosecutor,
            body: "Yes: an ambulance crew is giving medical care, so the same care applies. No change needed.",
            mentions: [],
            hoursAgo: 66,
          },
        ],
        { by: people.citizen, hoursAgo: 65 },
      ),
      thread(deletedQuote, [
        {
          authorId: people.citizen,
          body: "A median hides the longest waits. Could the report give the longest response time as well?",
          mentions: [],
          hoursAgo: 40,
        },
      ]),
    ];

    // An editor has since removed the words that last thread was about.
    const deleted = decodeCommentAnchor(anchorOf(deletedQuote));
    const start = Y.createAbsolutePositionFromRelativePosition(deleted.start, ydoc);
    const end = Y.createAbsolutePositionFromRelativePosition(deleted.end, ydoc);
    if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) {
      throw new Error("The demo's deleted words do not sit in one run of text.");
    }
    start.type.delete(start.index, end.index - start.index);
    return { draftState: Y.encodeStateAsUpdate(ydoc), threads };
  } finally {
    ydoc.destroy();
  }
}

/** Stores the demo threads of a policy (inside the seed's transaction). */
export async function insertDemoDiscussion(trx: Kysely<Database>, policyId: string, threads: DemoThread[], now: Date): Promise<void> {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 60 * 60 * 1000);
  for (const thread of threads) {
    const [first] = thread.comments;
    if (!first) throw new Error("A demo thread needs a first comment.");
    const row = await insertThread(trx, {
      id: crypto.randomUUID(),
      policy_id: policyId,
      anchor_start: thread.anchor.start,
      anchor_end: thread.anchor.end,
      quote: thread.quote,
      created_by: first.authorId,
      created_at: hoursAgo(first.hoursAgo),
      resolved_at: thread.resolved ? hoursAgo(thread.resolved.hoursAgo) : null,
      resolved_by: thread.resolved?.by ?? null,
    });
    for (const comment of thread.comments) {
      await insertComment(trx, {
        id: crypto.randomUUID(),
        thread_id: row.id,
        author_id: comment.authorId,
        body: comment.body,
        mentions: comment.mentions,
        created_at: hoursAgo(comment.hoursAgo),
      });
    }
  }
}
