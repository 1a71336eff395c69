/**
 * A policy file: text in, findings out (the JSON source and the runner, for hosts and tests that know the text
 * is a policy file). Pure: no file system, no editor API.
 */
import type { Catalog } from '../catalog/types';
import type { Finding } from '../model/findings';
import type { ParseOptions } from '../parse/parsePolicy';
import type { PolicyDocument, PolicyKind } from '../model/policy';
import { detectPolicyFile, readPolicyFile } from '../sources/json/policyFile';
import { DEFAULT_MAX_DOCUMENT_CHARS } from '../sources/source';
import { runSource, type RunOptions } from './runSource';

export { DEFAULT_MAX_DOCUMENT_CHARS };

export interface AnalyzeOptions extends ParseOptions, RunOptions {}

export interface AnalysisResult {
  readonly kind: PolicyKind;
  readonly findings: readonly Finding[];
  /** Undefined when the document was too large to parse. */
  readonly document?: PolicyDocument;
}

export function analyzePolicy(text: string, catalog: Catalog, options: AnalyzeOptions = {}): AnalysisResult {
  const document = { text, id: '', syntax: 'json' as const, maxDocumentChars: options.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS };
  const detected = detectPolicyFile(document, options);
  if (!detected) return { kind: 'not-a-policy', findings: [] };
  const read = readPolicyFile(document, detected.parsed);
  const { findings } = runSource(document, read, catalog, options);
  const policy = detected.parsed.policy;
  return policy ? { kind: policy.kind, findings, document: policy } : { kind: 'not-a-policy', findings };
}
