/**
 * The test's environment without libfaketime. The suite is run once under Debian's `faketime` (clock moved
 * more than a year ahead) to prove that no test depends on the date; the Accord servers it starts must take
 * the moved clock, since what is judged by date is judged by them. Some helper programs cannot run under
 * libfaketime and judge nothing by date, so they are started without it:
 * - Chromium spins its watchdog threads under it (a load of 60 on two cores, tests ten times slower);
 * - `redis-server` does not start at all ("Unexpected recursive calls to clock_gettime()": its allocator,
 *   jemalloc, reads the clock while libfaketime is still initialising).
 */
export function environmentWithoutFaketime(from: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(from)) {
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
