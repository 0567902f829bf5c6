import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { ProjectError } from '../engine/project-error.js';
import { reporters, type ReporterName } from '../report/index.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  color: boolean;
  stderrIsTty: boolean;
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

class UsageError extends Error {}

const HELP = `finleak: proves bank account and transaction data never reaches a third-party messaging send call.

Usage:
  finleak check [paths...] [options]   analyse a TypeScript project
  finleak --help | --version

Options for check:
  -p, --project <file>   tsconfig.json of the project (default: ./tsconfig.json)
  -c, --config <file>    finleak config file (default: searched from the project's folder:
                         finleak.config.{json,js,mjs,cjs,ts}, .finleakrc*, package.json#finleak)
  -f, --format <name>    pretty (default), json or sarif
  -o, --output <file>    write the report to a file instead of stdout
      --no-color         plain text output
  paths                  only report send calls in these files or folders
                         (the whole program is still analysed)

Exit codes:
  0  no findings
  1  findings
  2  usage, config or project error, or an incomplete analysis
`;

export function version(): string {
  const manifest = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`finleak: ${error.message}\nRun 'finleak --help' for usage.\n`);
      return EXIT.error;
    }
    if (error instanceof ConfigError || error instanceof ProjectError) {
      io.stderr(`finleak: ${error.message}\n`);
      return EXIT.error;
    }
    // A bug in finleak, not in the user's input: one line, the stack only on request.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`finleak: internal error: ${message}\nThis is a bug in finleak; rerun with FINLEAK_DEBUG=1 to see where it happened, and report it.\n`);
    if (process.env['FINLEAK_DEBUG'] && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT.error;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(HELP);
    return command === undefined ? EXIT.error : EXIT.clean;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${version()}\n`);
    return EXIT.clean;
  }
  if (command !== 'check') throw new UsageError(`unknown command '${command}'`);

  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        project: { type: 'string', short: 'p' },
        config: { type: 'string', short: 'c' },
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[\w+\]: /, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  const format = (values.format ?? 'pretty') as ReporterName;
  if (!(format in reporters)) throw new UsageError(`unknown format '${values.format}'; use pretty, json or sarif`);

  if (io.stderrIsTty) io.stderr('finleak: analysing…\r');
  // Loaded only here: the compiler is large, and --help/--version should answer at once.
  const { check } = await import('../check.js');
  const outcome = await check({
    project: values.project ?? 'tsconfig.json',
    ...(values.config ? { config: values.config } : {}),
    paths: positionals,
  });
  if (io.stderrIsTty) io.stderr('\x1b[2K');

  const color = values['no-color'] ? false : values.color ? true : io.color && !values.output && format === 'pretty';
  const report = reporters[format](outcome.result, { rootDir: outcome.rootDir, toolVersion: version(), color });
  if (values.output) {
    writeFileSync(path.resolve(values.output), report);
    const { findings } = outcome.result;
    io.stderr(`finleak: ${findings.length} finding${findings.length === 1 ? '' : 's'} written to ${values.output}\n`);
  } else io.stdout(report);

  if (outcome.result.diagnostics.some((d) => d.severity === 'error')) {
    if (format !== 'pretty' || values.output) io.stderr('finleak: the analysis is incomplete (see the errors in the report)\n');
    return EXIT.error;
  }
  return outcome.result.findings.length > 0 ? EXIT.findings : EXIT.clean;
}
