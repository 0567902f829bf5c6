/** finleak's programmatic API: run a check, or the engine on a program you already have. */
export { check, type CheckOptions, type CheckOutcome } from './check.js';
export { analyzeProgram, type AnalyzeOptions } from './engine/analyze.js';
export { loadProject, ProjectError, type LoadedProject } from './engine/project.js';
export { loadConfig, searchPlaces } from './config/load-config.js';
export { buildPolicy } from './config/build-policy.js';
export { ConfigError } from './config/config-error.js';
export { configSchema } from './config/schema.js';
export { reporters, type Reporter, type ReporterName, type ReportContext } from './report/index.js';
export type * from './engine/finding.js';
export type * from './policy/types.js';
