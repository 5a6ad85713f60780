// Builds whatever is not built (or is older than its sources), then exits. `pnpm start`,
// `pnpm db:migrate` and `pnpm audit:verify` run it first, so a fresh clone needs no separate build step,
// and an up-to-date build costs only a scan of file times. It calls the compilers through node directly,
// so it works wherever node does (pnpm need not be on the PATH).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stampPath = path.join(root, "apps/server/dist/.build-stamp");
const sourceFolders = ["packages", "migrations", "apps/server/src", "apps/web/src", "apps/web/index.html", "apps/web/public"];

function newestSourceTime(entry) {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) {
    if (name === "node_modules" || name === "dist" || name.endsWith(".tsbuildinfo")) continue;
    newest = Math.max(newest, newestSourceTime(path.join(entry, name)));
  }
  return newest;
}

const stampTime = existsSync(stampPath) ? statSync(stampPath).mtimeMs : 0;
const sourceTime = Math.max(...sourceFolders.map((folder) => newestSourceTime(path.join(root, folder))));
const webBuilt = existsSync(path.join(root, "apps/web/dist/index.html"));

if (stampTime > sourceTime && webBuilt) process.exit(0);

function run(label, args) {
  console.log(`accord: ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`accord: ${label} failed.`);
    process.exit(result.status ?? 1);
  }
}

run("compiling the server and packages (tsc -b)", [path.join(root, "node_modules/typescript/bin/tsc"), "-b"]);
run("building the embedded database's template", [path.join(root, "apps/server/dist/cli/build-embedded-template.js")]);
run("building the web app (vite build)", [path.join(root, "node_modules/vite/bin/vite.js"), "build", path.join(root, "apps/web")]);
writeFileSync(stampPath, `${new Date().toISOString()}\n`);
