import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { rosterEndpoints } from "@accord/api-contract";
import { requireUser } from "../plugins/session-auth.js";
import { presentRosterPerson, presentRosterPreview } from "../presenters/roster.js";
import { setPasswordWithLink } from "../use-cases/accounts/set-password-with-link.js";
import type { UseCaseContext } from "../use-cases/context.js";
import { addRosterPerson } from "../use-cases/roster/add-roster-person.js";
import { importRoster, previewRoster } from "../use-cases/roster/import-roster.js";
import { listRosterPeople } from "../use-cases/roster/list-roster.js";

/** The department's roster (one by one or from CSV, with a preview), and setting a first password by link. */
export const rosterRoutes: FastifyPluginAsyncTypebox<{ context: UseCaseContext }> = async (app, { context }) => {
  app.get("/api/roster", { schema: rosterEndpoints.list }, async (request) => ({
    people: (await listRosterPeople(context, requireUser(request))).map(presentRosterPerson),
  }));

  app.post("/api/roster/people", { schema: rosterEndpoints.save }, async (request) => ({
    person: presentRosterPerson(await addRosterPerson(context, requireUser(request), request.body)),
  }));

  app.post("/api/roster/import/preview", { schema: rosterEndpoints.preview }, async (request) =>
    presentRosterPreview(await previewRoster(context, requireUser(request), request.body.csv), false),
  );

  app.post("/api/roster/import", { schema: rosterEndpoints.import }, async (request) =>
    presentRosterPreview(await importRoster(context, requireUser(request), request.body.csv), true),
  );

  app.post("/api/auth/set-password", { schema: rosterEndpoints.setPassword }, async (request) => {
    await setPasswordWithLink(context, request.body);
    return { passwordSet: true as const };
  });
};
