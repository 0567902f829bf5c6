import type { AnalysisResult } from '../engine/finding.js';
import type { ReportContext } from './context.js';
import { formatGithub } from './github.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatPretty } from './pretty.js';
import { formatSarif } from './sarif.js';

export type Reporter = (result: AnalysisResult, context: ReportContext) => string;

/** Output formats, by the name given to --format. */
export const reporters = { pretty: formatPretty, json: formatJson, sarif: formatSarif, github: formatGithub, html: formatHtml, markdown: formatMarkdown } satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof reporters;

export type { BaselineView, ReportContext } from './context.js';
