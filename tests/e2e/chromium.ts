import { chromium, type Browser } from "playwright-core";
import { startTimeoutMs } from "./e2e-setup.js";

/**
 * Debian's Chromium, headless, as these machines can run it (a test tool's own browser download cannot
 * work here). The flags keep it from reaching for the network it does not have.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    timeout: startTimeoutMs,
    env: browserEnvironment(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * The test's environment without libfaketime: when the suite runs under `faketime` to prove that no
 * test depends on the date, the Accord server it starts takes the moved clock, but Chromium under
 * libfaketime spins its watchdog threads (a load of 60 on two cores, tests ten times slower) and what
 * is judged by date is judged by the server, not the browser.
 */
function browserEnvironment(): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || name.startsWith("FAKETIME")) continue;
    if (name === "LD_PRELOAD") {
      const kept = value.split(/[:\s]+/).filter((library) => library !== "" && !library.includes("faketime"));
      if (kept.length > 0) environment[name] = kept.join(":");
      continue;
    }
    environment[name] = value;
  }
  return environment;
}
