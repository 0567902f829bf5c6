// Preloaded (`node -r`) into each timed process by bench/run.mjs: on exit,
// writes the process's own CPU time and peak resident memory to the file
// named by BENCH_RUSAGE_FILE. Portable where /usr/bin/time -v is missing.
'use strict';
const { writeFileSync } = require('node:fs');

const target = process.env.BENCH_RUSAGE_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000, maxRssKb: usage.maxRSS }));
  });
}
