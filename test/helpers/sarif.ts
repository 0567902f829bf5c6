import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

/**
 * The official SARIF 2.1.0 JSON schema (OASIS, as published by Microsoft's
 * sarif-js-sdk in `@microsoft/jest-sarif`, a devDependency; the schema file is
 * `sarif-2.1.0-rtm.5.json`, the final 2.1.0 schema). It is a draft-04 schema,
 * hence ajv's draft-04 class; ajv-formats checks its `uri`/`date-time` formats.
 */
const require = createRequire(import.meta.url);
export const sarifSchemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

let validator: ReturnType<InstanceType<typeof Ajv04>['compile']> | undefined;

function schemaValidator() {
  if (!validator) {
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(sarifSchemaFile, 'utf8')) as object);
  }
  return validator;
}

/** Violations of the SARIF 2.1.0 schema, as "instancePath: message" lines; empty when the log is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  const validate = schemaValidator();
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * What GitHub code scanning needs beyond the schema (its "supported SARIF
 * properties" and upload limits): required rule texts, results tied to a
 * rule, `partialFingerprints.primaryLocationLineHash`, a primary location with
 * a repository-relative file and a full region, code-flow locations with files
 * and regions, `%SRCROOT%` as the only base id, and the documented size limits.
 * Returns one line per problem; empty when an upload would be accepted as is.
 */
export function codeScanningProblems(log: unknown): string[] {
  const problems: string[] = [];
  const sarif = log as Json;
  if (sarif?.version !== '2.1.0') problems.push('version must be "2.1.0"');
  if (typeof sarif?.$schema !== 'string' || !/sarif-2\.1\.0/.test(sarif.$schema)) problems.push('$schema must name the SARIF 2.1.0 schema');
  const runs: Json[] = Array.isArray(sarif?.runs) ? sarif.runs : [];
  if (runs.length === 0 || runs.length > 20) problems.push(`runs: ${runs.length} (1 to 20 allowed)`);
  runs.forEach((run, r) => {
    const at = `runs[${r}]`;
    const driver: Json | undefined = run.tool?.driver;
    if (!driver?.name) problems.push(`${at}.tool.driver.name is required`);
    const rules: Json[] = driver?.rules ?? [];
    if (rules.length === 0) problems.push(`${at}.tool.driver.rules must describe the rules`);
    if (rules.length > 25_000) problems.push(`${at}: more than 25,000 rules`);
    rules.forEach((rule, i) => {
      const where = `${at}.tool.driver.rules[${i}]`;
      if (!rule.id) problems.push(`${where}.id is required`);
      for (const key of ['shortDescription', 'fullDescription'] as const) {
        const text: unknown = rule[key]?.text;
        if (typeof text !== 'string' || text === '') problems.push(`${where}.${key}.text is required`);
        else if (text.length > 1024) problems.push(`${where}.${key}.text is longer than 1024 characters`);
      }
      if (!rule.help?.text) problems.push(`${where}.help.text is required`);
      if (typeof rule.name === 'string' && rule.name.length > 255) problems.push(`${where}.name is longer than 255 characters`);
      const tags: unknown[] = rule.properties?.tags ?? [];
      if (tags.length > 20) problems.push(`${where}: more than 20 tags`);
      const severity = rule.properties?.['security-severity'];
      if (severity !== undefined && !(typeof severity === 'string' && Number(severity) > 0 && Number(severity) <= 10)) {
        problems.push(`${where}.properties.security-severity must be a string with a number in (0, 10]`);
      }
    });
    const baseIds = Object.keys(run.originalUriBaseIds ?? {});
    for (const id of baseIds) {
      const uri: unknown = run.originalUriBaseIds[id]?.uri;
      if (typeof uri !== 'string' || !uri.endsWith('/')) problems.push(`${at}.originalUriBaseIds.${id}.uri must end with "/"`);
    }
    const results: Json[] = run.results ?? [];
    if (results.length > 25_000) problems.push(`${at}: more than 25,000 results`);
    const checkLocation = (location: Json | undefined, where: string): void => {
      const physical = location?.physicalLocation;
      const uri: unknown = physical?.artifactLocation?.uri;
      if (typeof uri !== 'string' || uri === '') problems.push(`${where}.physicalLocation.artifactLocation.uri is required`);
      else if (/^[a-z]+:/i.test(uri) || uri.startsWith('/')) problems.push(`${where}: uri ${uri} should be relative to the repository root`);
      else if (uri.split('/').includes('..')) problems.push(`${where}: uri ${uri} leaves the repository root`);
      const baseId = physical?.artifactLocation?.uriBaseId;
      if (baseId !== undefined && baseId !== '%SRCROOT%') problems.push(`${where}: uriBaseId ${baseId} is not %SRCROOT%, upload-sarif ignores the location`);
      const region = physical?.region;
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) {
        if (!Number.isInteger(region?.[key]) || region[key] < 1) problems.push(`${where}.physicalLocation.region.${key} must be a positive integer`);
      }
      if (region && (region.endLine < region.startLine || (region.endLine === region.startLine && region.endColumn < region.startColumn))) {
        problems.push(`${where}.physicalLocation.region ends before it starts`);
      }
    };
    results.forEach((result, i) => {
      const where = `${at}.results[${i}]`;
      if (!result.message?.text) problems.push(`${where}.message.text is required`);
      const index = result.ruleIndex;
      if (typeof result.ruleId !== 'string' || !rules.some((rule) => rule.id === result.ruleId)) problems.push(`${where}.ruleId does not name a rule of the driver`);
      if (index !== undefined && rules[index]?.id !== result.ruleId) problems.push(`${where}.ruleIndex does not point at rule ${result.ruleId}`);
      const locations: Json[] = result.locations ?? [];
      if (locations.length === 0 || locations.length > 10) problems.push(`${where}.locations: ${locations.length} (1 to 10 allowed)`);
      locations.forEach((location, l) => checkLocation(location, `${where}.locations[${l}]`));
      const fingerprint: unknown = result.partialFingerprints?.primaryLocationLineHash;
      if (typeof fingerprint !== 'string' || fingerprint === '') problems.push(`${where}.partialFingerprints.primaryLocationLineHash is required`);
      const related: Json[] = result.relatedLocations ?? [];
      if (related.length > 1000) problems.push(`${where}: more than 1,000 related locations`);
      related.forEach((location, l) => checkLocation(location, `${where}.relatedLocations[${l}]`));
      const codeFlows: Json[] = result.codeFlows ?? [];
      codeFlows.forEach((flow, f) =>
        (flow.threadFlows ?? []).forEach((thread: Json, t: number) => {
          const steps: Json[] = thread.locations ?? [];
          if (steps.length === 0) problems.push(`${where}.codeFlows[${f}].threadFlows[${t}] has no locations`);
          if (steps.length > 10_000) problems.push(`${where}.codeFlows[${f}].threadFlows[${t}]: more than 10,000 locations`);
          steps.forEach((step, s) => checkLocation(step.location, `${where}.codeFlows[${f}].threadFlows[${t}].locations[${s}].location`));
        }),
      );
    });
  });
  return problems;
}
