import { chromium, type Browser } from "playwright-core";
import { environmentWithoutFaketime } from "../support/without-faketime.js";
import { startTimeoutMs } from "./e2e-setup.js";

/**
 * Debian's Chromium, headless, as these machines can run it (a test tool's own browser download cannot
 * work here). The flags keep it from reaching for the network it does not have.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    timeout: startTimeoutMs,
    env: environmentWithoutFaketime(),
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
