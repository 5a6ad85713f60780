import {
  blockquoteJSON as quote,
  bulletListJSON as bullets,
  emJSON as em,
  headingJSON as heading,
  linkJSON as link,
  orderedListJSON as numbered,
  paragraphJSON as p,
  strongJSON as strong,
  type PolicyNodeJSON,
} from "./document-json.js";

// The text of the demo Body-Worn Camera Policy that the published version (v1) and the draft in
// progress share word for word; demo-policy.ts assembles both versions from these blocks plus the
// passages that differ, so every difference between the two is visible in that one file.
//
// Riverton, its police department and § 12-407(b) of the "State Public Records Act" are
// fictional, so that the demo never misquotes a real statute. The text never cites a section by
// number ("see Privacy and Restricted Recording"), because numbers are computed and change when
// sections are inserted; a typed cross-reference would silently go stale.

/** Section "Purpose", after its opening paragraph, which the versions word differently. */
export const purposeClosing: readonly PolicyNodeJSON[] = [
  p(
    "This policy was drafted by a working group of officers, residents, prosecutors, defense attorneys and community organisations, and takes account of the U.S. Department of Justice's ",
    link("Body-Worn Camera Toolkit", "https://bja.ojp.gov/program/bwc"),
    ".",
  ),
];

/** Section "Definitions". */
export const definitions: readonly PolicyNodeJSON[] = [
  heading(1, "Definitions"),
  p("In this policy:"),
  bullets(
    p(
      strong("Body-worn camera"),
      " (BWC) means a Department-issued audio and video recording device worn on the outermost garment of an officer's uniform.",
    ),
    p(
      strong("Activate"),
      " means to start recording audio and video, and ",
      strong("deactivate"),
      " means to stop. Muting the audio while video continues is a deactivation and is governed by the same rules.",
    ),
    p(
      strong("Buffering"),
      " means the camera's continuous retention of the preceding 60 seconds of video, without audio, which is saved as part of the recording when the camera is activated.",
    ),
    p(
      strong("Law enforcement activity"),
      " means any investigative or enforcement contact with a member of the public, including calls for service, traffic and pedestrian stops, arrests, searches, pursuits and uses of force.",
    ),
    p(
      strong("Critical incident"),
      " means an officer-involved shooting, a use of force resulting in death or serious bodily injury, or a death in custody.",
    ),
    p(
      strong("Evidence management system"),
      " means the secure, access-logged system in which the Department stores recordings and their metadata.",
    ),
    p(
      strong("Recording custodian"),
      " means the member of the Records Unit designated by the Chief of Police to manage the retention, redaction and release of recordings.",
    ),
  ),
];

/** Section "Scope". */
export const scope: readonly PolicyNodeJSON[] = [
  heading(1, "Scope"),
  p(
    "This policy applies to every sworn member of the Riverton Police Department who is issued a BWC, including members working secondary employment in Department uniform, and to every member who accesses, stores or releases a recording. It does not govern in-car or fixed cameras, except where a recording from one of them is stored with a BWC recording of the same incident.",
  ),
  p(
    "Members on plain-clothes or undercover assignments need not wear a BWC while so assigned, unless they are executing a search or arrest warrant.",
  ),
];

/** Section "Activation", up to the sentence on timing, which the versions word differently. */
export const activationOpening: readonly PolicyNodeJSON[] = [
  heading(1, "Activation"),
  heading(2, "When officers must record"),
  p("Officers ", strong("must"), " activate their BWC at the start of any law enforcement activity, including:"),
  numbered(
    "responding to a call for service, from the time of dispatch or self-initiation;",
    "traffic and pedestrian stops;",
    "arrests, detentions, and searches of persons, vehicles or property, including consent searches;",
    "any use of force, and the period immediately after it;",
    "transporting a person in custody, until custody is handed over at the destination;",
    "any encounter that becomes confrontational, even if it began as a consensual conversation.",
  ),
  heading(2, "Timing of activation"),
];

/** Section "Activation", after the sentence on timing. */
export const activationClosing: readonly PolicyNodeJSON[] = [
  p(
    "If an officer could not activate the BWC in time, the officer must state the reason on the recording once it starts and again in the written report.",
  ),
  p(
    "Once activated, the BWC must remain on until the law enforcement activity has ended and the officer has left the scene, except as permitted under Deactivation and Exceptions.",
  ),
];

/** Section "Deactivation and Exceptions". */
export const deactivation: readonly PolicyNodeJSON[] = [
  heading(1, "Deactivation and Exceptions"),
  heading(2, "Permitted deactivation"),
  p("An officer may deactivate the BWC only:"),
  bullets(
    "when the law enforcement activity has concluded and the officer has left the scene;",
    "when a victim or witness asks not to be recorded, under Privacy and Restricted Recording;",
    "while conferring privately with another officer or a supervisor about tactics, when no member of the public is present;",
    "in a hospital or clinic, while the officer is not interacting with a suspect or a person in custody.",
  ),
  heading(2, "Documenting a deactivation"),
  p(
    "Before deactivating, the officer must state on the recording the reason for doing so. If the officer does not, the officer must explain the omission in the written report, and the supervisor must review that explanation within five days.",
  ),
  p(strong("An officer must never deactivate a BWC to avoid recording a use of force or a complaint.")),
];

/** Section "Notice to the Public and Consent in Private Homes". */
export const noticeAndConsent: readonly PolicyNodeJSON[] = [
  heading(1, "Notice to the Public and Consent in Private Homes"),
  p(
    "When it is safe and practical, officers must tell the people they contact that they are being recorded, for example: ",
    em("“I want to let you know that my body camera is recording.”"),
  ),
  p(
    "An officer who enters a private residence without a warrant and without an emergency must ask the occupant for consent to record. If the occupant declines, the officer records the refusal and then deactivates the BWC, unless the purpose of the entry is an arrest or a search, or enforcement action becomes likely.",
  ),
  p(
    "Notice is not consent: outside a private residence, a person's objection to being recorded does not oblige the officer to stop recording.",
  ),
];

/** Section "Privacy and Restricted Recording", up to and including its subsection on minors. */
export const privacyOpening: readonly PolicyNodeJSON[] = [
  heading(1, "Privacy and Restricted Recording"),
  p("Officers must not use a BWC to record:"),
  bullets(
    "conversations with other Department members that are not part of a law enforcement activity;",
    "locker rooms, restrooms, and other places where people expect privacy, unless a law enforcement activity is taking place there;",
    p("lawful demonstrations, ", em("solely"), " to identify participants who are not suspected of an offence;"),
    "privileged conversations, such as between a person in custody and their attorney, clergy or physician.",
  ),
  heading(2, "Victims and witnesses"),
  p(
    "Officers must offer a victim of sexual assault, domestic violence or human trafficking the choice not to be recorded while giving a statement, and must record the offer and the answer.",
  ),
  heading(2, "Minors"),
  p(
    "A recording in which a minor can be identified is confidential. It may be released only with the minor's face and other identifying features redacted, unless a court orders otherwise.",
  ),
];

/** Section "Storage, Retention and Chain of Custody", up to its list of retention periods. */
export const storageOpening: readonly PolicyNodeJSON[] = [
  heading(1, "Storage, Retention and Chain of Custody"),
  heading(2, "Uploading recordings"),
  p(
    "Officers must dock their BWC, or upload its recordings, before the end of each shift, and label each recording with its incident or case number and one retention category. After a critical incident a supervisor takes custody of the involved officers' cameras at the scene and uploads their recordings.",
  ),
  heading(2, "Retention periods"),
  p("Recordings are kept for the following periods, counted from the date of recording, unless a longer period applies:"),
];

/** The retention periods that both versions share. */
export const sharedRetentionPeriods: readonly PolicyNodeJSON[] = [
  p("recordings of an arrest or citation: until the case is finally resolved, and at least ", strong("three years"), ";"),
  p(
    "recordings of a use of force, a complaint or a critical incident: ",
    strong("seven years"),
    ", or until all related litigation has ended, whichever is later;",
  ),
  p("recordings made during a homicide investigation: ", strong("permanently"), "."),
];

/** Section "Storage, Retention and Chain of Custody", after its list of retention periods. */
export const storageClosing: readonly PolicyNodeJSON[] = [
  p(
    "A recording subject to a litigation hold, a pending public records request or an open complaint must not be deleted until the hold, request or complaint is resolved.",
  ),
  heading(2, "Chain of custody"),
  p(
    "The evidence management system logs every view, copy, download, redaction and deletion, with the user, the time and the reason given. No one may alter or delete a recording except through the system's redaction and retention functions. A copy made for a court or for release is a new file; the original is kept unaltered.",
  ),
];

/** Section "Access, Review and Release", up to its subsection on critical incidents. */
export const accessOpening: readonly PolicyNodeJSON[] = [
  heading(1, "Access, Review and Release"),
  heading(2, "Review by officers"),
  p(
    "An officer may review their own recordings before writing a report, except after a critical incident. After a critical incident, an involved officer gives an initial statement before viewing any recording, and the statement notes whether the officer has viewed one.",
  ),
  heading(2, "Public records requests"),
  p("Recordings are public records and are released on request under the State Public Records Act, which provides:"),
  quote(
    p(
      "“A law enforcement agency may withhold a recording made by a body-worn camera only to the extent that its disclosure would reasonably be expected to interfere with an active investigation, endanger the life or safety of any person, or constitute an unwarranted invasion of personal privacy. Any portion of the recording not so exempt ",
      em("shall"),
      " be disclosed.”",
    ),
    p("— State Public Records Act, § 12-407(b)"),
  ),
  p(
    "The recording custodian redacts only what an exemption requires, explains each redaction to the requester, and responds within ten business days.",
  ),
  heading(2, "Critical incidents"),
];

/** Section "Supervisory Audit". */
export const supervisoryAudit: readonly PolicyNodeJSON[] = [
  heading(1, "Supervisory Audit"),
  p(
    "Each month, every patrol sergeant reviews at least ",
    strong("two randomly selected recordings"),
    " of each officer they supervise for compliance with this policy, and records the result in the audit log.",
  ),
  p(
    "Each quarter, the Office of Professional Standards audits a random sample of at least one percent of all recordings and every reported failure to activate, and reports its findings to the Board of Police Commissioners. The reports are published at ",
    link("riverton.example/police/bwc-audits", "https://riverton.example/police/bwc-audits"),
    ".",
  ),
];

/** Section "Discipline for Non-Compliance". */
export const discipline: readonly PolicyNodeJSON[] = [
  heading(1, "Discipline for Non-Compliance"),
  p(
    "A failure to activate, a premature deactivation or a failure to upload violates this policy. A first violation that was not intentional is treated as a training matter. Within any twelve months:",
  ),
  numbered(
    "a first violation results in documented counselling and retraining;",
    "a second violation results in a written reprimand;",
    "a third or later violation results in discipline up to suspension, under the collective bargaining agreement.",
  ),
  p(
    strong("Intentional"),
    " failure to record, tampering with a camera, or deleting or altering a recording is serious misconduct and may result in termination. When such a failure concerns an incident in which force was used, the Department also notifies the District Attorney.",
  ),
];
