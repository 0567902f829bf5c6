import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BaselineError, mergeBaselines, readBaseline } from '../ci/baseline.js';
import { changedLinesSince, GitError } from '../ci/changed-lines.js';
import { applyGate } from '../ci/gate.js';
import { ConfigError } from '../config/config-error.js';
import type { AnalysisStats } from '../engine/finding.js';
import { PHASES, PhaseClock, totalOf, type PhaseTimes } from '../engine/phases.js';
import { ProjectError } from '../engine/project-error.js';
import { reporters, type ReporterName } from '../report/index.js';
import { unmodelledSummary } from '../report/unmodelled.js';
import { formatSources, listSources } from '../sources.js';
import { describeShard, parseShard } from '../workspace/shard.js';
import { didYouMean } from './did-you-mean.js';
import { describeSinks, sinkCatalogue } from './sinks.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  color: boolean;
  stderrIsTty: boolean;
  /** Environment variables (FINLEAK_DATA_CONFIG_ONLY, GITHUB_WORKSPACE); default none. */
  env?: Record<string, string | undefined>;
  /** Current folder; default process.cwd(). */
  cwd?: string;
  /** When the run started, as `performance.now()` (0: the process start); default when `run` is called. */
  startedAt?: number;
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

const COMMANDS = ['check', 'sources', 'sinks', 'fix'] as const;

type OptionsConfig = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

const CHECK_OPTIONS = {
  project: { type: 'string', short: 'p', multiple: true },
  config: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  shard: { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  'changed-since': { type: 'string' },
  'config-data-only': { type: 'boolean' },
  'policy-from': { type: 'string' },
  'sarif-output': { type: 'string' },
  'markdown-output': { type: 'string' },
  'html-output': { type: 'string' },
  timing: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionsConfig;

const FIX_OPTIONS = {
  project: { type: 'string', short: 'p' },
  config: { type: 'string', short: 'c' },
  'dry-run': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'config-data-only': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionsConfig;

const SOURCES_OPTIONS = {
  project: { type: 'string', short: 'p' },
  config: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionsConfig;

/**
 * node:util's parseArgs errors, as one line of ours: an unknown option gets
 * the closest known one ("did you mean"), and no advice with unbalanced quotes.
 */
/** A command's arguments, parsed strictly: an unknown or malformed option is a usage error that names it. */
function parseCommandArgs<const O extends OptionsConfig, const P extends boolean>(args: string[], options: O, allowPositionals: P) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw argumentError(error, options);
  }
}

function argumentError(error: unknown, options: OptionsConfig): UsageError {
  const message = (error as Error).message.replace(/^TypeError \[\w+\]: /, '');
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (!unknown) return new UsageError(message.replace(/\.$/, ''));
  const option = unknown[1]!;
  const names = Object.entries(options).flatMap(([name, spec]) => [`--${name}`, ...(spec.short ? [`-${spec.short}`] : [])]);
  const base = option.replace(/=.*$/, '');
  return new UsageError(`unknown option '${option}'${didYouMean(base, names.filter((n) => n.startsWith('--') === base.startsWith('--')))}`);
}

class UsageError extends Error {}

const HELP = `finleak: proves bank account and transaction data never reaches a third-party messaging send call.

Usage:
  finleak check [paths...] [options]   analyse a TypeScript project
  finleak sources [options]            list the project's financial types and why
                                       (-p, -c as for check; --format pretty|json)
  finleak sinks [--format pretty|json]  list the modelled send calls and endpoints (platform, package, versions, call, payload)
  finleak baseline merge <files...> [-o <file>]
                                       one baseline from the baselines of the shards of a sharded check
  finleak fix [paths...] [--dry-run]   wrap each leaking value in a configured sanitizer that fits
                                       (-p, -c as for check); --dry-run prints the unified diff
  finleak --help | --version

Options for check:
  -p, --project <file>   tsconfig.json of the project (default: ./tsconfig.json; at a monorepo
                         root without one, every workspace package's tsconfig.json). Repeat it
                         for several projects; a tsconfig with only "references" stands for them
      --shard <i>/<n>    analyse only the projects of shard i of n (stable: by tsconfig path);
                         for CI matrices, see "Monorepos" in the docs
  -c, --config <file>    finleak config file (default: searched from the project's folder:
                         finleak.config.{json,js,mjs,cjs,ts}, .finleakrc*, package.json#finleak)
  -f, --format <name>    pretty (default), json, sarif, github (workflow annotations),
                         html (a self-contained page with a drawn graph of every path) or
                         markdown (for a pull-request comment or $GITHUB_STEP_SUMMARY)
  -o, --output <file>    write the report to a file instead of stdout
      --no-color         plain text output
      --timing           print where the time went (startup, load, bind, sinks, flow,
                         report) and the peak memory to stderr at the end
  paths                  only report send calls in these files or folders
                         (the whole program is still analysed)

Options for pull requests (see docs/ci.md):
      --baseline <file>        fail only on findings that are not in this baseline file;
                               report baseline entries that no longer occur as fixed
      --update-baseline        write the current findings to the --baseline file
      --sarif-output <file>    also write the SARIF report to <file> (e.g. with --format github,
                               to annotate the pull request and upload to code scanning in one run)
      --markdown-output <file> also write the Markdown report to <file> (e.g. "$GITHUB_STEP_SUMMARY",
                               the job summary, or a file to post as a pull-request comment)
      --html-output <file>     also write the HTML report to <file> (a CI artifact)
      --changed-since <ref>    only report findings whose path (source, any step or sink)
                               touches a line changed since the merge base of <ref> and HEAD
      --config-data-only       accept only JSON/YAML configs, refuse JavaScript/TypeScript ones
                               (they would execute code); also FINLEAK_DATA_CONFIG_ONLY=1.
                               Use it on pull requests whose code you do not trust (forks).
      --policy-from <ref>      read the config as of this git ref (the base branch), not from the
                               working tree, so a pull request cannot weaken the policy it is
                               judged by; data configs only (JSON/YAML, package.json#finleak)

Options for fix:
      --dry-run          print the edits as a unified diff (stdout) and the report (stderr);
                         write nothing
  fix wraps the value on each finding's path that lies inside the send call's payload in a
  "function" sanitizer of the config whose parameter takes it and whose result fits, adds the
  import, and keeps an edit only if the file type-checks no worse. Where nothing fits it says
  which sanitizer to declare. Exit 0 when no finding remains, 1 when some do.

In-code suppression (a reason is required):
  // finleak-ignore-next-line: <reason>   on the line above the send call
  // finleak-ignore-line: <reason>        on the line where the send call begins

Exit codes:
  0  no findings (with --baseline: no new findings)
  1  findings (with --baseline: new findings), or a finleak-ignore comment without a reason
  2  usage, config, baseline, git or project error, or an incomplete analysis
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
    if (error instanceof ConfigError || error instanceof ProjectError || error instanceof BaselineError || error instanceof GitError) {
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
  if (command === undefined) {
    io.stderr(`finleak: missing command: run 'finleak check' to analyse the project in this folder (./tsconfig.json)\nCommands: ${COMMANDS.join(', ')}. Run 'finleak --help' for usage.\n`);
    return EXIT.error;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(HELP);
    return EXIT.clean;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${version()}\n`);
    return EXIT.clean;
  }
  if (command === 'sources') return sourcesCommand(rest, io);
  if (command === 'baseline') return baselineCommand(rest, io);
  if (command === 'fix') return fixCommand(rest, io);
  if (command === 'sinks') return sinksCommand(rest, io);
  if (command !== 'check') {
    if (command.startsWith('-')) throw new UsageError(`missing command before '${command}': write 'finleak check ${argv.join(' ')}'`);
    throw new UsageError(`unknown command '${command}'${didYouMean(command, COMMANDS)}`);
  }

  const { values, positionals } = parseCommandArgs(rest, CHECK_OPTIONS, true);
  if (values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  const format = (values.format ?? 'pretty') as ReporterName;
  if (!(format in reporters)) throw new UsageError(`unknown format '${values.format}'; use ${Object.keys(reporters).join(', ')}${didYouMean(String(values.format), Object.keys(reporters))}`);
  if (values['update-baseline'] && values.baseline === undefined) throw new UsageError('--update-baseline needs --baseline <file>: the file to write');
  if (values['update-baseline'] && (positionals.length > 0 || values['changed-since'] !== undefined)) {
    throw new UsageError('--update-baseline records every finding of the project; do not combine it with paths or --changed-since');
  }
  const shard = values.shard !== undefined ? parseShard(values.shard) : undefined;
  if (values.shard !== undefined && !shard) throw new UsageError(`--shard ${values.shard}: expected <index>/<count> with 1 <= index <= count, such as --shard 2/4`);
  const env = io.env ?? {};
  const dataOnlyConfig = values['config-data-only'] === true || /^(1|true|yes)$/i.test(env['FINLEAK_DATA_CONFIG_ONLY'] ?? '');

  // Baseline and git are read first: a wrong path or ref fails before the (long) analysis.
  const baselineEntries = values.baseline !== undefined && !values['update-baseline'] ? readBaseline(values.baseline) : undefined;
  const projects = values.project ?? [];
  const cwd = io.cwd ?? process.cwd();
  const first = projects[0] !== undefined ? path.resolve(cwd, projects[0]) : cwd;
  const changed = values['changed-since'] !== undefined ? changedLinesSince(values['changed-since'], first.endsWith('.json') ? path.dirname(first) : first) : undefined;

  const clock = new PhaseClock('startup', io.startedAt ?? performance.now());
  if (io.stderrIsTty) io.stderr('finleak: analysing…\r');
  // Loaded only here: the compiler is large, and --help/--version should answer at once.
  const { check } = await import('../check.js');
  const outcome = await check({
    projects,
    cwd,
    ...(values.config ? { config: values.config } : {}),
    paths: positionals,
    dataOnlyConfig,
    ...(values['policy-from'] !== undefined ? { policyFrom: values['policy-from'] } : {}),
    ...(shard ? { shard } : {}),
    clock,
  });
  if (io.stderrIsTty) io.stderr('\x1b[2K');
  clock.enter('report');

  const only = positionals.map((p) => path.resolve(cwd, p));
  // A shard sees part of the repository: a baseline entry it does not find may be another shard's, so none is called fixed.
  const inScope = shard ? () => false : only.length > 0 ? (file: string) => only.some((p) => file === p || file.startsWith(p + path.sep)) : undefined;
  const gate = applyGate(outcome, {
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    ...(values['update-baseline'] ? { updateBaseline: true } : {}),
    ...(baselineEntries ? { baselineEntries } : {}),
    ...(changed ? { changed } : {}),
    ...(inScope ? { inScope } : {}),
  });

  const color = values['no-color'] ? false : values.color ? true : io.color && !values.output && format === 'pretty';
  const context = {
    rootDir: outcome.rootDir,
    toolVersion: version(),
    color,
    ...(gate.baseline ? { baseline: gate.baseline } : {}),
    ...(values['changed-since'] !== undefined ? { changedSince: values['changed-since'] } : {}),
    workspaceDir: env['GITHUB_WORKSPACE'] || cwd,
    ...(outcome.projects.length > 1 || shard ? { projects: outcome.projects } : {}),
    ...(shard ? { shard: describeShard(shard) } : {}),
    ...sourceUrlOf(env),
  };
  // The summary's time is the whole run: everything up to formatting this report.
  const phases = clock.snapshot();
  gate.result.stats = { ...gate.result.stats, phases, milliseconds: totalOf(phases) };
  const report = reporters[format](gate.result, context);
  for (const format of ['sarif', 'markdown', 'html'] as const) {
    const file = values[`${format}-output`];
    if (file) writeFileSync(path.resolve(file), reporters[format](gate.result, { ...context, color: false }));
  }
  if (values.output) {
    writeFileSync(path.resolve(values.output), report);
    const failing = gate.failing.length;
    io.stderr(`finleak: ${failing} ${gate.baseline ? 'new ' : ''}finding${failing === 1 ? '' : 's'} written to ${values.output}\n`);
    const warnings = gate.result.diagnostics.filter((d) => d.severity === 'warning').length;
    if (warnings > 0) io.stderr(`finleak: ${warnings} warning${warnings === 1 ? '' : 's'} (see the report)\n`);
    const assumed = unmodelledSummary(gate.result.stats);
    if (assumed) io.stderr(`finleak: ${assumed}\n`);
  } else io.stdout(report);
  if (gate.baseline?.updated && format !== 'pretty') io.stderr(`finleak: wrote ${gate.result.findings.length} findings to the baseline ${gate.baseline.file}\n`);

  if (gate.exitCode === EXIT.error && (format !== 'pretty' || values.output)) io.stderr('finleak: the analysis is incomplete (see the errors in the report)\n');
  if (values.timing) io.stderr(timingLine(clock.snapshot(), outcome.result.stats));
  return gate.exitCode;
}

/**
 * `--timing`: seconds per phase, their total (the whole run), the process's
 * peak resident memory, and how many declaration files of dependencies were not loaded.
 */
function timingLine(phases: PhaseTimes, stats: AnalysisStats): string {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;
  const parts = PHASES.map((phase) => `${phase} ${seconds(phases[phase])}`);
  const peak = Math.round(process.resourceUsage().maxRSS / 1024);
  const declarations = stats.reloadedDeclarations
    ? '; declaration files: all loaded again (the analysis reached one that was not)'
    : stats.unloadedDeclarationFiles
      ? `; ${stats.unloadedDeclarationFiles} declaration files (and what they import) not needed, not loaded`
      : '';
  return `finleak: timing: ${parts.join(', ')}; total ${seconds(totalOf(phases))}; peak RSS ${peak} MB${declarations}\n`;
}

/** `finleak baseline merge`: the baselines of a sharded check's shards as one file. */
function baselineCommand(args: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[\w+\]: /, ''));
  }
  if (parsed.values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  const [action, ...files] = parsed.positionals;
  if (action !== 'merge') throw new UsageError(`unknown baseline action '${action ?? ''}'; use: finleak baseline merge <files...> [-o <file>]`);
  if (files.length === 0) throw new UsageError('baseline merge needs the baseline files to merge');
  const merged = mergeBaselines(files.map((file) => readBaseline(file)));
  if (parsed.values.output) {
    writeFileSync(path.resolve(parsed.values.output), merged);
    io.stderr(`finleak: merged ${files.length} baselines into ${parsed.values.output}\n`);
  } else io.stdout(merged);
  return EXIT.clean;
}

/** `finleak fix`: mask what leaks, where a configured sanitizer fits; see src/fix/. */
async function fixCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, FIX_OPTIONS, true);
  if (values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  const env = io.env ?? {};
  const dryRun = values['dry-run'] === true;
  if (io.stderrIsTty) io.stderr('finleak: analysing…\r');
  const [{ fixProject }, { formatFixDiff, formatFixReport }] = await Promise.all([import('../fix/fix-project.js'), import('./fix.js')]);
  const outcome = await fixProject({
    cwd: io.cwd ?? process.cwd(),
    ...(values.project !== undefined ? { project: values.project } : {}),
    ...(values.config ? { config: values.config } : {}),
    paths: positionals,
    dataOnlyConfig: values['config-data-only'] === true || /^(1|true|yes)$/i.test(env['FINLEAK_DATA_CONFIG_ONLY'] ?? ''),
    dryRun,
  });
  if (io.stderrIsTty) io.stderr('\x1b[2K');
  const report = formatFixReport(outcome, io.color && !values['no-color'] && !dryRun, dryRun);
  if (dryRun) {
    io.stdout(formatFixDiff(outcome));
    io.stderr(report);
  } else io.stdout(report);
  return outcome.unfixed.length > 0 ? EXIT.findings : EXIT.clean;
}

/** `finleak sinks`: the catalogue of modelled send calls, endpoints and HTTP clients, for people (pretty) or tools (json). */
const SINKS_OPTIONS = { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } } satisfies OptionsConfig;

function sinksCommand(args: string[], io: CliIo): number {
  const { values } = parseCommandArgs(args, SINKS_OPTIONS, false);
  if (values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  const format = values.format ?? 'pretty';
  if (format !== 'pretty' && format !== 'json') throw new UsageError(`unknown format '${format}' for sinks; use pretty or json`);
  io.stdout(format === 'json' ? `${JSON.stringify(sinkCatalogue(version()), null, 2)}\n` : describeSinks());
  return EXIT.clean;
}

/** `finleak sources`: the financial types of a project with the reason, to audit the policy before gating on it. */
async function sourcesCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, SOURCES_OPTIONS, false);
  if (values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  // The list has no colour: --color and --no-color are accepted, as for check.
  const format = values.format ?? 'pretty';
  if (format !== 'pretty' && format !== 'json') throw new UsageError(`unknown format '${format}' for sources; use pretty or json`);
  const outcome = await listSources({ project: values.project ?? 'tsconfig.json', ...(values.config ? { config: values.config } : {}) });
  io.stdout(format === 'json' ? `${JSON.stringify({ ...outcome.inventory, warnings: outcome.warnings }, null, 2)}\n` : formatSources(outcome));
  return EXIT.clean;
}

/**
 * Where the reports link locations to: FINLEAK_SOURCE_URL, or in GitHub Actions the
 * repository's files at the commit under test (GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA).
 */
function sourceUrlOf(env: Record<string, string | undefined>): { sourceUrl?: string } {
  if (env['FINLEAK_SOURCE_URL']) return { sourceUrl: env['FINLEAK_SOURCE_URL'] };
  const server = env['GITHUB_SERVER_URL'];
  const repository = env['GITHUB_REPOSITORY'];
  const sha = env['GITHUB_SHA'];
  return server && repository && sha ? { sourceUrl: `${server}/${repository}/blob/${sha}/` } : {};
}
