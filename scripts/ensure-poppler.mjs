// The PDF export tests judge the files with poppler's own tools (pdfinfo, pdffonts, pdftotext), as
// outside testers do. This makes sure they are there: when they are missing and we are root on a
// Debian-like system, it installs poppler-utils with apt-get; otherwise it says exactly what to do.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const found = spawnSync("pdfinfo", ["-v"], { stdio: "ignore" });
if (!found.error) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot || !existsSync("/usr/bin/apt-get")) {
  console.error(
    "accord: the PDF export tests need pdfinfo, pdffonts and pdftotext. Install poppler-utils (Debian/Ubuntu: sudo apt-get install -y poppler-utils; macOS: brew install poppler).",
  );
  process.exit(1);
}
console.log("accord: installing poppler-utils for the PDF export tests (apt-get install poppler-utils)…");
for (const args of [
  ["update", "-qq"],
  ["install", "-y", "-qq", "poppler-utils"],
]) {
  const result = spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) {
    console.error(`accord: apt-get ${args.join(" ")} failed; install poppler-utils by hand and run the tests again.`);
    process.exit(1);
  }
}
