import type { Migration, MigrationProvider } from "kysely/migration";
import * as foundation from "./0001-foundation.js";
import * as draftDocuments from "./0002-draft-documents.js";
import * as draftUpdateLog from "./0003-draft-update-log.js";
import * as policyVersions from "./0004-policy-versions.js";
import * as signOffWorkflow from "./0005-sign-off-workflow.js";
import * as commentsAndSuggestions from "./0006-comments-and-suggestions.js";
import * as noSuggestionsInPublications from "./0007-no-suggestions-in-publications.js";
import * as publishedTitleAndSummary from "./0008-published-title-and-summary.js";
import * as sectionPositionHistory from "./0009-section-position-history.js";
import * as notificationPreferences from "./0010-notification-preferences.js";
import * as draftUpdateOrder from "./0011-draft-update-order.js";
import * as emailClaimLease from "./0012-email-claim-lease.js";
import * as draftLastSeq from "./0013-draft-last-seq.js";
import * as accountDefaultAffiliation from "./0014-account-default-affiliation.js";
import * as draftClients from "./0015-draft-clients.js";
import * as commentPeriods from "./0016-comment-periods.js";
import * as acknowledgements from "./0017-acknowledgements.js";
import * as installationSecrets from "./0018-installation-secrets.js";

/**
 * Every migration, by name, in the order they run. Listed statically (not read from a folder) so that
 * the same list runs from TypeScript sources, from the build, and in tests.
 */
export const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-draft-documents": draftDocuments,
  "0003-draft-update-log": draftUpdateLog,
  "0004-policy-versions": policyVersions,
  "0005-sign-off-workflow": signOffWorkflow,
  "0006-comments-and-suggestions": commentsAndSuggestions,
  "0007-no-suggestions-in-publications": noSuggestionsInPublications,
  "0008-published-title-and-summary": publishedTitleAndSummary,
  "0009-section-position-history": sectionPositionHistory,
  "0010-notification-preferences": notificationPreferences,
  "0011-draft-update-order": draftUpdateOrder,
  "0012-email-claim-lease": emailClaimLease,
  "0013-draft-last-seq": draftLastSeq,
  "0014-account-default-affiliation": accountDefaultAffiliation,
  "0015-draft-clients": draftClients,
  "0016-comment-periods": commentPeriods,
  "0017-acknowledgements": acknowledgements,
  "0018-installation-secrets": installationSecrets,
};

/** The provider Kysely's Migrator takes. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
