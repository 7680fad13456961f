// Wall time and peak memory of a whole command, as a user meets it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const RSS = fileURLToPath(new URL("./rss.cjs", import.meta.url));

/**
 * Runs `node ARGS` `runs` times; returns the median wall seconds, the median CPU
 * seconds (user + system: steadier than wall time on a shared machine) and the
 * largest peak RSS in bytes.
 */
export function measureNode(args, { runs = 3, env = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  const times = [];
  const cpus = [];
  let rss = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const rssFile = join(dir, `rss${i}`);
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ["--require", RSS, ...args], {
        env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
        stdio: ["ignore", "ignore", "pipe"],
        maxBuffer: 64 * 1024 * 1024,
      });
      times.push(Number(process.hrtime.bigint() - t0) / 1e9);
      if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
      try {
        const u = JSON.parse(readFileSync(rssFile, "utf8"));
        rss = Math.max(rss, u.rss);
        cpus.push(u.cpu);
      } catch {
        /* no figure */
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { seconds: median(times), cpu: cpus.length ? median(cpus) : NaN, rss };
}

export const mib = (b) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
export const secs = (s) => `${s.toFixed(3)} s`;
