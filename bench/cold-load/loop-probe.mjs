// A probe the cold-load benchmark preloads into the Accord server under test (`node --import`): how long
// the server's event loop was held, without changing the server. A 5 ms timer notes each tick that came
// late; the lateness is how long the loop was busy. Lines "<epoch ms at the late tick> <lateness ms>"
// are appended to BENCH_LOOP_PROBE_FILE once a second (and at exit), for the benchmark to read.
import { appendFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const file = process.env.BENCH_LOOP_PROBE_FILE;
if (file) {
  const periodMs = 5;
  const reportAboveMs = 2;
  let last = performance.now();
  let lastFlush = last;
  let lines = [];
  const flush = () => {
    if (lines.length === 0) return;
    appendFileSync(file, lines.join("\n") + "\n");
    lines = [];
  };
  const timer = setInterval(() => {
    const now = performance.now();
    const lateness = now - last - periodMs;
    last = now;
    if (lateness > reportAboveMs) lines.push(`${(performance.timeOrigin + now).toFixed(1)} ${lateness.toFixed(1)}`);
    if (now - lastFlush > 1000) {
      lastFlush = now;
      flush();
    }
  }, periodMs);
  timer.unref();
  process.on("exit", flush);
}
