/**
 * What the editor's own JSON service reports, so that each syntax mistake is reported once (the analysis leaves
 * out those kinds: AnalyzeOptions.syntaxReportedByEditor). VS Code's built-in JSON language features validate
 * every `json` and `jsonc` document when `json.validate.enable` is on (the default): every parse error; comments
 * as errors in `json` and not at all in `jsonc`; trailing commas as errors in `json` and warnings in `jsonc`;
 * `json.validate.comments` / `json.validate.trailingCommas` change those (`ignore` turns them off). A client
 * without that service answers no `json.validate.enable`, and then the server reports every kind itself.
 */
import type { SyntaxProblemKind } from '../core';
import { JSON_LANGUAGE_IDS } from '../protocol';

/** `json.validate` as the client answered it; undefined when the editor has no JSON service (or it is off). */
export interface EditorJsonValidation {
  readonly comments?: string;
  readonly trailingCommas?: string;
}

/** The `json` section of the client's settings (untrusted JSON). */
export function readEditorJsonValidation(jsonSection: unknown): EditorJsonValidation | undefined {
  const validate = jsonSection && typeof jsonSection === 'object' ? (jsonSection as { validate?: unknown }).validate : undefined;
  if (!validate || typeof validate !== 'object') return undefined;
  const { enable, comments, trailingCommas } = validate as Record<string, unknown>;
  if (enable !== true) return undefined;
  return { comments: typeof comments === 'string' ? comments : undefined, trailingCommas: typeof trailingCommas === 'string' ? trailingCommas : undefined };
}

/**
 * The kinds of syntax problems the editor reports itself, as errors, in a document of this language. A kind it
 * reports only as a warning (trailing commas in `jsonc`) or not at all stays ours: IAM rejects every one of them,
 * and a warning would tell the user the policy is fine.
 */
export function syntaxReportedByEditor(languageId: string, validation: EditorJsonValidation | undefined): readonly SyntaxProblemKind[] {
  if (!validation || !JSON_LANGUAGE_IDS.includes(languageId)) return [];
  const jsonc = languageId === 'jsonc';
  const kinds: SyntaxProblemKind[] = ['error'];
  if ((validation.trailingCommas ?? (jsonc ? 'warning' : 'error')) === 'error') kinds.push('trailing-comma');
  if ((validation.comments ?? (jsonc ? 'ignore' : 'error')) === 'error') kinds.push('comment');
  return kinds;
}
