import {
  bulletListJSON as bullets,
  docJSON,
  emailLinkJSON,
  hardBreakJSON as lineBreak,
  headingJSON as heading,
  paragraphJSON as p,
  strongJSON as strong,
  underlineJSON as underline,
  type PolicyDocumentJSON,
  type PolicyNodeJSON,
} from "./document-json.js";
import {
  accessOpening,
  activationClosing,
  activationOpening,
  deactivation,
  definitions,
  discipline,
  noticeAndConsent,
  privacyOpening,
  purposeClosing,
  scope,
  sharedRetentionPeriods,
  storageClosing,
  storageOpening,
  supervisoryAudit,
} from "./demo-policy-sections.js";

// The demo "Body-Worn Camera Policy" in two versions: version 1, approved and published, and the
// draft the working group is writing now. The draft differs from version 1 in ways a redline
// should make obvious:
// 1. the opening of Purpose is reworded;
// 2. the timing of activation is reworded and made stricter;
// 3. a subsection on medical and mental health settings is added to Privacy;
// 4. non-evidentiary recordings are kept 180 days instead of 90;
// 5. critical-incident video is released within 30 days instead of 45, and the single paragraph
//    on it becomes three lettered clauses;
// 6. a whole section, Community Reporting, is added at the end.

const purposeHeading = heading(1, "Purpose");

const purposePublished = p(
  "This policy sets out when members of the Riverton Police Department record their contacts with the public using body-worn cameras, and how the Department stores and releases those recordings. Body-worn cameras are a tool; they do not replace an officer's report or a supervisor's judgement.",
);

const purposeDraft = p(
  "This policy sets out when members of the Riverton Police Department record their contacts with the public using body-worn cameras, and how the Department stores, reviews and releases those recordings, so as to promote accountability and transparency, preserve accurate evidence, and protect the privacy of the people officers serve. Recordings ",
  underline("supplement, but never replace,"),
  " an officer's written report, a supervisor's judgement, or the testimony of witnesses.",
);

const activationTimingPublished = p("Officers shall activate the BWC as soon as practical.");

const activationTimingDraft = p(
  "Officers must activate the BWC ",
  strong("before arriving on scene"),
  " or, if that is not safe, as soon as it becomes safe to do so. Buffered video does not satisfy this duty.",
);

const medicalSettings: readonly PolicyNodeJSON[] = [
  heading(2, "Medical and mental health settings"),
  p(
    "In hospitals, clinics and mental health facilities, officers record only the law enforcement activity itself and take care not to record other patients or medical information. A recording of a person in a mental health crisis may be released only with that person's consent, or that of their legal representative, unless it records a critical incident.",
  ),
];

const retention = (nonEvidentiaryDays: number): PolicyNodeJSON =>
  bullets(
    p("non-evidentiary recordings (no arrest, citation, use of force or complaint): ", strong(`${nonEvidentiaryDays} days`), ";"),
    ...sharedRetentionPeriods,
  );

const criticalIncidentsPublished = p(
  "The Department releases the recordings of a critical incident to the public within ",
  strong("45 days"),
  " of the incident, unless the District Attorney certifies in writing that release would substantially interfere with the investigation.",
);

const criticalIncidentsDraft: readonly PolicyNodeJSON[] = [
  heading(3, "Release timeline"),
  p(
    "The Department releases the recordings of a critical incident to the public within ",
    strong("30 days"),
    " of the incident. The Chief of Police may delay release by up to 15 further days only if the District Attorney certifies in writing that release would substantially interfere with the investigation; the certification and the new release date are published.",
  ),
  heading(3, "Notice to those involved"),
  p(
    "At least 48 hours before release, the Department offers the people recorded, or the family of a person who died, and the involved officers, the opportunity to view the recording.",
  ),
  heading(3, "What is released"),
  p(
    "The release comprises the recordings of every involved officer's BWC, from dispatch until the scene was secured, with a written summary of the incident. Redactions follow the rules for public records requests.",
  ),
];

const communityReporting: readonly PolicyNodeJSON[] = [
  heading(1, "Community Reporting"),
  p("Every six months the Department publishes a report on the use of body-worn cameras, stating:"),
  bullets(
    "the number of recordings made, by retention category;",
    "the number of failures to activate, and the discipline imposed for them;",
    "the number of public records requests for recordings, how many were granted in full, in part or refused, and the median time taken to respond;",
    "each critical incident, and the date on which its recording was released.",
  ),
  p(
    "Anyone may raise a concern about a recording, or ask whether an incident was recorded, with the Office of Police Accountability:",
    lineBreak(),
    "200 Main Street, Riverton",
    lineBreak(),
    emailLinkJSON("bwc-concerns@riverton.example"),
  ),
  p(
    "The Board of Police Commissioners reviews this policy at least once a year in the light of these reports, and ",
    strong("holds a public hearing"),
    " before amending it.",
  ),
];

// The documents are shared constants: freezing them means a caller that mutates one (instead of
// copying it) fails loudly rather than changing the demo for everyone else.
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Version 1 of the demo Body-Worn Camera Policy, as approved and published: eleven sections.
 */
export const bodyWornCameraPublishedDocument: PolicyDocumentJSON = deepFreeze(
  docJSON(
    purposeHeading,
    purposePublished,
    ...purposeClosing,
    ...definitions,
    ...scope,
    ...activationOpening,
    activationTimingPublished,
    ...activationClosing,
    ...deactivation,
    ...noticeAndConsent,
    ...privacyOpening,
    ...storageOpening,
    retention(90),
    ...storageClosing,
    ...accessOpening,
    criticalIncidentsPublished,
    ...supervisoryAudit,
    ...discipline,
  ),
);

/**
 * The draft of the demo Body-Worn Camera Policy that the working group is editing: twelve
 * sections, revising version 1 (bodyWornCameraPublishedDocument) in the ways listed above.
 */
export const bodyWornCameraDemoDocument: PolicyDocumentJSON = deepFreeze(
  docJSON(
    purposeHeading,
    purposeDraft,
    ...purposeClosing,
    ...definitions,
    ...scope,
    ...activationOpening,
    activationTimingDraft,
    ...activationClosing,
    ...deactivation,
    ...noticeAndConsent,
    ...privacyOpening,
    ...medicalSettings,
    ...storageOpening,
    retention(180),
    ...storageClosing,
    ...accessOpening,
    ...criticalIncidentsDraft,
    ...supervisoryAudit,
    ...discipline,
    ...communityReporting,
  ),
);
