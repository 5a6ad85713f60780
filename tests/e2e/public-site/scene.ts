import { beforeAll, expect } from "vitest";
import type { BrowserContext } from "playwright-core";
import { useBrowserTest, type BrowserTest } from "../browser-test.js";
import { browserHookTimeoutMs } from "../e2e-setup.js";
import {
  AccordApi,
  addEditor,
  createAccount,
  createPolicy,
  findBodies,
  publishVersion,
  saveVersion,
  writeDraft,
  type DraftBlock,
  type Session,
} from "../publish-via-api.js";

// The public site's tests share one scene, set up here on the built server and read as anyone reads it:
// no account, no script, the real Content-Security-Policy. Besides the demo's published body-worn camera
// policy, the scene publishes (through the API, as the group would) a policy whose every free-text field
// is hostile, in two versions, and keeps two things private: a policy approved but never published, and
// the demo's draft saved as an unpublished version 2 under review. Each test file of this folder checks
// one concern on it: what the pages show, what they keep private, hostile input, accessibility.

/** The hostile corpus: each string goes into several fields. */
export const hostile = {
  script: "<script>window.__pwned=1</script>",
  img: `"><img src=x onerror="window.__pwned=1">`,
  js: "javascript:window.__pwned=1",
  jsMixed: "JaVaScRiPt:alert(1)",
  title: "</title><script>window.__pwned=1</script>",
  svg: "<svg onload=window.__pwned=1>",
  quote: "' onmouseover='window.__pwned=1",
  template: "{{constructor.constructor('window.__pwned=1')()}}",
  anchor: `<a href="javascript:window.__pwned=1">x</a>`,
} as const;
export const hostileStrings: readonly string[] = Object.values(hostile);
const everyHostileString = hostileStrings.join(" · ");

export const hostileSlug = "hostile-corpus";
export const hostileTitle = `Hostile corpus ${hostile.title} ${hostile.img}`;
export const hostileEditors = [
  { email: "hostile-police@accord.test", displayName: hostile.script, affiliation: "police" },
  { email: "hostile-citizen@accord.test", displayName: `${hostile.quote} ${hostile.svg}`, affiliation: "citizen" },
  { email: "hostile-community@accord.test", displayName: hostile.anchor, affiliation: "community" },
] as const;
export const boardReference = `${hostile.js} ${hostile.jsMixed}`;
export const unionReference = `${hostile.anchor} ${hostile.template}`;
/** A link whose (allowed, https) address carries markup: it must stay inside its attribute. */
export const hostileHref = `https://example.org/?q="><script>window.__pwned=1</script>`;
export const versionTwoSentence = "Version two adds this sentence to the hostile corpus.";

const hostileDraftOne: DraftBlock[] = [
  { kind: "heading", level: 1, text: hostile.script },
  { kind: "paragraph", text: everyHostileString },
  { kind: "heading", level: 2, text: hostile.img },
  { kind: "paragraph", text: `${hostile.template} `, link: { text: hostile.anchor, href: hostileHref } },
  { kind: "heading", level: 1, text: hostile.title },
  { kind: "paragraph", text: `${hostile.quote} and ${hostile.svg}. End of version one.` },
];
const hostileDraftTwo: DraftBlock[] = [
  ...hostileDraftOne.slice(0, 5),
  { kind: "paragraph", text: `${hostile.quote} and ${hostile.js}. ${versionTwoSentence}` },
  { kind: "heading", level: 1, text: hostile.svg },
  { kind: "paragraph", text: `${hostile.jsMixed} was added in version two.` },
];

export const unpublishedSlug = "unpublished-zeta";
export const unpublishedTitle = "Unpublished Zeta Policy";
export const demoSlug = "body-worn-cameras";
/** The demo draft's new section, saved as the unpublished version 2: never public. */
export const draftOnlyText = "Community Reporting";
// Effective today (UTC), so that the new publication is in force whatever day the test runs on: the
// server runs on the wall clock, and a fixed date would be "adopted, takes effect on …" before it.
const effectiveDate = new Date().toISOString().slice(0, 10);

/** The public HTML pages that exist once the setup is done (the hostile ones show the corpus). */
export const htmlPages = {
  index: "/policies",
  searchCamera: "/policies?q=camera",
  searchNothing: "/policies?q=zeppelin",
  searchHostile: `/policies?q=${encodeURIComponent(hostile.img)}`,
  demo: `/policies/${demoSlug}`,
  demoVersions: `/policies/${demoSlug}/versions`,
  demoVersionOne: `/policies/${demoSlug}/versions/1`,
  hostile: `/policies/${hostileSlug}`,
  hostileVersions: `/policies/${hostileSlug}/versions`,
  hostileVersionOne: `/policies/${hostileSlug}/versions/1`,
  hostileVersionTwo: `/policies/${hostileSlug}/versions/2`,
  hostileCompare: `/policies/${hostileSlug}/compare/1/2`,
  verify: "/verify",
  notFound: "/policies/no-such-policy",
  notFoundHostileSlug: `/policies/${encodeURIComponent(hostile.script)}`,
} as const;

/** The pages the hostile corpus reaches. */
export const hostilePages = [
  htmlPages.index,
  htmlPages.searchHostile,
  htmlPages.hostile,
  htmlPages.hostileVersions,
  htmlPages.hostileVersionOne,
  htmlPages.hostileVersionTwo,
  htmlPages.hostileCompare,
  htmlPages.notFoundHostileSlug,
];

/** What setting up the scene learnt, for the tests to compare the public pages with. */
export interface SceneFacts {
  demoPolicyId: string;
  /** The demo's version 1 publication's effective date, as the API gives it. */
  demoEffectiveDate: string;
  hostilePolicyId: string;
  /** The contents hashes the API gives for the versions saved, by "slug/number", to compare with the public pages. */
  apiHashes: ReadonlyMap<string, string>;
  /** The hostile policy's public page as served between its first and second publication. */
  pageBeforeSecondPublication: string;
  /** The public index as served between the hostile policy's first and second publication. */
  indexBeforeSecondPublication: string;
}

/** The public site on a running server with the scene set up, and the ways a test reads it. */
export interface PublicSite extends SceneFacts {
  readonly browserTest: BrowserTest;
  /** Where the server listens. */
  readonly origin: string;
  url: (pathname: string) => string;
  /** A GET without following redirects, as a plain HTTP client. */
  get: (pathname: string) => Promise<Response>;
  /** A GET and its body as text. */
  getText: (pathname: string) => Promise<{ response: Response; text: string }>;
  /** A browser context with JavaScript on (so that a payload that got through would run), 1280 × 900 unless told. */
  newContext: (options?: { bypassCSP?: boolean; width?: number; height?: number }) => Promise<BrowserContext>;
}

/**
 * Starts the built server and Chromium (`useBrowserTest`) and sets the scene up before the tests of the
 * calling `describe`. The facts are filled in by then; read them as `site.apiHashes` in the tests.
 */
export function usePublicSite(): PublicSite {
  const browserTest = useBrowserTest();
  const site: PublicSite = {
    browserTest,
    demoPolicyId: "",
    demoEffectiveDate: "",
    hostilePolicyId: "",
    apiHashes: new Map(),
    pageBeforeSecondPublication: "",
    indexBeforeSecondPublication: "",
    get origin() {
      return browserTest.origin;
    },
    url: (pathname) => browserTest.url(pathname),
    get: (pathname) => fetch(browserTest.url(pathname), { redirect: "manual" }),
    getText: async (pathname) => {
      const response = await site.get(pathname);
      return { response, text: await response.text() };
    },
    newContext: (options = {}) =>
      browserTest.newContext({
        viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
        bypassCSP: options.bypassCSP ?? false,
        javaScriptEnabled: true,
      }),
  };
  beforeAll(async () => {
    Object.assign(site, await setUpScene(new AccordApi(browserTest.origin), site.getText));
  }, browserHookTimeoutMs);
  return site;
}

/** Publishes, proposes and approves what the scene needs, through the API; what it learnt on the way. */
async function setUpScene(api: AccordApi, getText: PublicSite["getText"]): Promise<SceneFacts> {
  let hostilePolicyId = "";
  const apiHashes = new Map<string, string>();

  async function publishHostileVersion(
    facilitator: Session,
    editors: Session[],
    board: Session,
    union: Session,
    bodies: { board: string; union: string },
    draft: DraftBlock[],
    sentinel: string,
    label: string,
  ): Promise<number> {
    await writeDraft(api, editors[0]!, hostilePolicyId, draft, sentinel);
    const version = await saveVersion(api, editors[0]!, hostilePolicyId, label, everyHostileString);
    apiHashes.set(`${hostileSlug}/${version.number}`, version.contentHash);
    await publishVersion(api, {
      policyId: hostilePolicyId,
      versionNumber: version.number,
      contentHash: version.contentHash,
      facilitator,
      editors,
      note: everyHostileString,
      decisions: [
        { representative: board, bodyId: bodies.board, reason: everyHostileString, meetingReference: boardReference },
        { representative: union, bodyId: bodies.union, reason: everyHostileString, meetingReference: unionReference },
      ],
      effectiveDate,
    });
    return version.number;
  }

  const facilitator = await api.login("facilitator@accord.test");
  const board = await api.login("board@accord.test");
  const union = await api.login("union@accord.test");
  const officer = await api.login("officer@accord.test");
  const { board: boardBody, union: unionBody } = await findBodies(api, facilitator);
  const bodies = { board: boardBody.id, union: unionBody.id };

  // The demo: its published version 1, and the draft saved as version 2, proposed, one sign-off in.
  const { policies } = (await api.expect(facilitator, "GET", "/api/policies", undefined)) as { policies: { id: string; slug: string }[] };
  const demoPolicyId = policies.find((policy) => policy.slug === demoSlug)?.id ?? "";
  expect(demoPolicyId).not.toBe("");
  const { publications } = (await api.expect(facilitator, "GET", `/api/policies/${demoPolicyId}/proposals`, undefined)) as {
    publications: { versionNumber: number; effectiveDate: string; contentHash: string }[];
  };
  const demoEffectiveDate = publications.find((publication) => publication.versionNumber === 1)?.effectiveDate ?? "";
  apiHashes.set(`${demoSlug}/1`, publications.find((publication) => publication.versionNumber === 1)?.contentHash ?? "");
  // The draft's pending suggestions are settled first: a version holding one cannot be proposed.
  const { suggestions } = (await api.expect(officer, "GET", `/api/policies/${demoPolicyId}/suggestions`, undefined)) as {
    suggestions: { author: { id: string } }[];
  };
  for (const authorId of new Set(suggestions.map((suggestion) => suggestion.author.id))) {
    await api.expect(officer, "POST", `/api/policies/${demoPolicyId}/suggestions/decisions`, { decision: "accept", authorId });
  }
  const draftVersion = await saveVersion(api, officer, demoPolicyId, "Draft with community reporting", "Not for the public yet.");
  expect(draftVersion.number).toBe(2);
  const { proposal: draftProposal } = (await api.expect(facilitator, "POST", `/api/policies/${demoPolicyId}/proposals`, {
    versionNumber: 2,
    contentHash: draftVersion.contentHash,
  })) as { proposal: { id: string } };
  await api.expect(officer, "POST", `/api/proposals/${draftProposal.id}/actions`, { kind: "sign_off" });

  // The hostile policy: every free-text field the API takes carries the corpus.
  const editorIds: string[] = [];
  for (const editor of hostileEditors) editorIds.push(await createAccount(api, facilitator, editor.email, editor.displayName));
  hostilePolicyId = await createPolicy(api, facilitator, { title: hostileTitle, slug: hostileSlug, summary: everyHostileString });
  for (const [index, editor] of hostileEditors.entries())
    await addEditor(api, facilitator, hostilePolicyId, editorIds[index]!, editor.affiliation);
  await api.expect(facilitator, "PUT", `/api/policies/${hostilePolicyId}/required-bodies`, { bodyIds: [bodies.board, bodies.union] });
  const editors: Session[] = [];
  for (const editor of hostileEditors) editors.push(await api.login(editor.email));

  expect(await publishHostileVersion(facilitator, editors, board, union, bodies, hostileDraftOne, "End of version one.", hostile.svg)).toBe(
    1,
  );
  // Read (and so cache) the pages once between the two publications: the second must replace them.
  const pageBeforeSecondPublication = (await getText(`/policies/${hostileSlug}`)).text;
  const indexBeforeSecondPublication = (await getText("/policies")).text;
  await getText("/policies/feed.atom");
  await getText(`/policies/${hostileSlug}/versions`);
  expect(
    await publishHostileVersion(facilitator, editors, board, union, bodies, hostileDraftTwo, versionTwoSentence, hostile.template),
  ).toBe(2);

  // A policy approved by everyone but never published: still private.
  const unpublishedId = await createPolicy(api, facilitator, {
    title: unpublishedTitle,
    slug: unpublishedSlug,
    summary: "Approved, never published.",
  });
  const { accounts } = (await api.expect(facilitator, "GET", "/api/accounts", undefined)) as { accounts: { id: string; email: string }[] };
  const officerId = accounts.find((account) => account.email === "officer@accord.test")?.id ?? "";
  await addEditor(api, facilitator, unpublishedId, officerId, "police");
  await api.expect(facilitator, "PUT", `/api/policies/${unpublishedId}/required-bodies`, { bodyIds: [bodies.board, bodies.union] });
  const unpublishedVersion = await saveVersion(api, officer, unpublishedId, "First", "");
  const { proposal: unpublishedProposal } = (await api.expect(facilitator, "POST", `/api/policies/${unpublishedId}/proposals`, {
    versionNumber: unpublishedVersion.number,
    contentHash: unpublishedVersion.contentHash,
  })) as { proposal: { id: string } };
  const actions = `/api/proposals/${unpublishedProposal.id}/actions`;
  await api.expect(officer, "POST", actions, { kind: "sign_off" });
  for (const [representative, bodyId] of [
    [board, bodies.board],
    [union, bodies.union],
  ] as const) {
    await api.expect(representative, "POST", actions, {
      kind: "record_decision",
      bodyId,
      decision: "approve",
      reason: "Approved.",
      meetingDate: "2026-12-01",
      meetingReference: "Unpublished reference 99",
    });
  }

  return { demoPolicyId, demoEffectiveDate, hostilePolicyId, apiHashes, pageBeforeSecondPublication, indexBeforeSecondPublication };
}
