// The browser tests drive Debian's Chromium through playwright-core (a test tool's own browser download
// cannot work on these machines). This makes sure it is there: when it is missing and we are root on a
// Debian-like system, it installs it with apt-get (about 40 s); otherwise it says exactly what to do.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (existsSync(chromium)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (process.env.CHROMIUM_PATH || !isRoot || !existsSync("/usr/bin/apt-get")) {
  console.error(
    `accord: the browser tests need Chromium at ${chromium}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
      "or set CHROMIUM_PATH to a Chromium or Chrome binary.",
  );
  process.exit(1);
}
console.log("accord: installing Chromium for the browser tests (apt-get install chromium)…");
for (const args of [
  ["update", "-qq"],
  ["install", "-y", "-qq", "chromium"],
]) {
  const result = spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) {
    console.error(`accord: apt-get ${args.join(" ")} failed; install Chromium by hand and run the tests again.`);
    process.exit(1);
  }
}
