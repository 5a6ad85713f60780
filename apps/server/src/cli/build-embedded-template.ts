import { migrationProvider } from "@accord/migrations";
import { embeddedStartParams } from "../storage/database.js";
import { buildEmbeddedTemplate, defaultEmbeddedTemplateDir, embeddedTemplateIsCurrent } from "../storage/embedded-template.js";

// `pnpm build`'s last server step: the migrated embedded database a first start copies instead of running
// initdb and every migration (storage/embedded-template.ts). Skipped when the template already holds
// exactly today's migrations for this PGlite, so a rebuild costs nothing here. Exit code 1 on failure.
const migrations = await migrationProvider.getMigrations();
if (embeddedTemplateIsCurrent(defaultEmbeddedTemplateDir, migrations)) {
  console.log(`The embedded template at ${defaultEmbeddedTemplateDir} is up to date (${Object.keys(migrations).length} migrations).`);
} else {
  const started = Date.now();
  try {
    const manifest = await buildEmbeddedTemplate(defaultEmbeddedTemplateDir, migrationProvider, { extraStartParams: embeddedStartParams });
    console.log(
      `Built the embedded template at ${defaultEmbeddedTemplateDir}: ${manifest.migrations.length} migrations, ` +
        `${manifest.files.length} files, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    console.error(`Could not build the embedded template: ${error instanceof Error ? error.message : String(error)}${cause}`);
    process.exitCode = 1;
  }
}
