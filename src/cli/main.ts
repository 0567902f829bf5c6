#!/usr/bin/env node
import { saveCompileCache, useCompileCache } from './compile-cache.js';

// Before anything loads the compiler: see compile-cache.ts.
useCompileCache();
const { run } = await import('./run.js');

const args = process.argv.slice(2);
process.exitCode = await run(args, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: process.stdout.isTTY === true && !process.env['NO_COLOR'] && process.env['CI'] !== 'true',
  stderrIsTty: process.stderr.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
  startedAt: 0,
});
if (args[0] === 'check') saveCompileCache();
