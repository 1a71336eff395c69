/**
 * The config file of the CLI and the language server: `.cognito-pool-lint.json`, or the `cognitoPool` key of a
 * `package.json`, the nearest one above a checked file (hosts walk up the folders and read it: the core reads no
 * file). Its schema is schemas/cognito-pool-lint.schema.json (`npm run docs`). What it holds:
 * - `rules`: severities by rule id, as the `cognitoPool.rules` setting;
 * - `ignore`: globs of files not checked;
 * - `overrides`: `[{files, rules}]`, severities for the files the globs match (later entries win);
 * - `roles`: the role models of the `cognitoPool.roles` setting (read by the hosts' role models, relative to the
 *   config file's folder).
 * Globs are relative to the config file's folder, with `/`; the host matches them (picomatch), so the core stays
 * free of any file system notion.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { isSeveritySetting, ruleInfo, type SeveritySetting } from '../rules/registry';

export const CONFIG_FILE_NAME = '.cognito-pool-lint.json';
/** The key of a package.json that holds the same object. */
export const PACKAGE_JSON_KEY = 'cognitoPool';

export type RuleSeverities = Readonly<Record<string, SeveritySetting>>;

export interface LintConfig {
  readonly rules: RuleSeverities;
  readonly ignore: readonly string[];
  readonly overrides: readonly { readonly files: readonly string[]; readonly rules: RuleSeverities }[];
  /** `roles` as written (the shape of the `cognitoPool.roles` setting); undefined when absent. */
  readonly roles?: unknown;
}

export interface LintConfigRead {
  /** Undefined when the file holds no configuration (a package.json without the key) or is not valid JSON. */
  readonly config?: LintConfig;
  /** What is wrong with it, one message each (the valid parts are kept). */
  readonly problems: readonly string[];
}

const KEYS = new Set(['$schema', 'rules', 'ignore', 'overrides', 'roles']);

/**
 * A config file's text: `.cognito-pool-lint.json` (JSON with comments: the whole object) or a `package.json`
 * (its {@link PACKAGE_JSON_KEY}). `name` is the file's base name.
 */
export function readLintConfig(name: string, text: string): LintConfigRead {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: name !== 'package.json', disallowComments: name === 'package.json' });
  if (errors.length) return { problems: [`not valid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}); ignored.`] };
  if (name === 'package.json') {
    if (!isRecord(value) || !(PACKAGE_JSON_KEY in value)) return { problems: [] };
    return lintConfigOf(value[PACKAGE_JSON_KEY], `"${PACKAGE_JSON_KEY}"`);
  }
  return lintConfigOf(value, 'the file');
}

/** The configuration object (already parsed); `where` names it in the problems. */
export function lintConfigOf(value: unknown, where = 'the configuration'): LintConfigRead {
  const problems: string[] = [];
  if (!isRecord(value)) return { problems: [`${where} must be an object with "rules", "ignore", "overrides" or "roles"; ignored.`] };
  for (const key of Object.keys(value)) if (!KEYS.has(key)) problems.push(`unknown key "${key}" (use "rules", "ignore", "overrides" or "roles"); ignored.`);
  const rules = readRules(value.rules, 'rules', problems);
  const ignore = readGlobs(value.ignore, 'ignore', problems);
  const overrides: LintConfig['overrides'][number][] = [];
  if (value.overrides !== undefined && !Array.isArray(value.overrides))
    problems.push('"overrides" must be an array of {"files": [globs], "rules": {...}}; ignored.');
  const entries: unknown[] = Array.isArray(value.overrides) ? value.overrides : [];
  for (const [i, entry] of entries.entries()) {
    const at = `overrides[${i}]`;
    if (!isRecord(entry)) {
      problems.push(`"${at}" must be an object {"files": [globs], "rules": {...}}; ignored.`);
      continue;
    }
    for (const key of Object.keys(entry)) if (key !== 'files' && key !== 'rules') problems.push(`"${at}": unknown key "${key}"; ignored.`);
    const files = readGlobs(entry.files, `${at}.files`, problems);
    if (files.length === 0) problems.push(`"${at}" needs "files", a non-empty array of globs; ignored.`);
    else overrides.push({ files, rules: readRules(entry.rules, `${at}.rules`, problems) });
  }
  return { config: { rules, ignore, overrides, roles: value.roles }, problems };
}

function readRules(value: unknown, where: string, problems: string[]): RuleSeverities {
  const rules: Record<string, SeveritySetting> = {};
  if (value === undefined) return rules;
  if (!isRecord(value)) {
    problems.push(`"${where}" must be an object of rule ids and severities; ignored.`);
    return rules;
  }
  for (const [id, severity] of Object.entries(value)) {
    if (!ruleInfo(id)) problems.push(`"${where}": unknown rule "${id}"; ignored.`);
    else if (!isSeveritySetting(severity))
      problems.push(`"${where}": "${id}": ${JSON.stringify(severity)} is not one of off, hint, information, warning, error; ignored.`);
    else rules[id] = severity;
  }
  return rules;
}

function readGlobs(value: unknown, where: string, problems: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((g): g is string => typeof g === 'string' && g !== '')) {
    problems.push(`"${where}" must be an array of globs (non-empty strings); ignored.`);
    return [];
  }
  return value;
}

/** Whether a glob matches a path (both relative to the config file's folder, with `/`): the host's picomatch. */
export type GlobMatcher = (glob: string, relativePath: string) => boolean;

export interface FileConfig {
  /** An `ignore` glob matches the file: it is not checked. */
  readonly ignored: boolean;
  /** The severities for this file: `rules`, then each matching override in order. */
  readonly rules: RuleSeverities;
}

/** What the configuration says for one file, given by its path relative to the config file's folder. */
export function configForFile(config: LintConfig, relativePath: string, matches: GlobMatcher): FileConfig {
  const ignored = config.ignore.some((glob) => matches(glob, relativePath));
  let rules: Record<string, SeveritySetting> = { ...config.rules };
  for (const o of config.overrides) if (o.files.some((glob) => matches(glob, relativePath))) rules = { ...rules, ...o.rules };
  return { ignored, rules };
}

/** The editor's settings win over the file: its `cognitoPool.rules` on top of the file's severities. */
export function withSettings(fromFile: RuleSeverities, settings: RuleSeverities): RuleSeverities {
  return { ...fromFile, ...settings };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
