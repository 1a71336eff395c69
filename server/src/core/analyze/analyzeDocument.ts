/**
 * One open document as the server sees it: a policy file (JSON), a CloudFormation/SAM template (JSON or
 * YAML) holding policies, or neither. The findings to publish, and the policies with their parse trees (offsets
 * into the document's text) for the editing features.
 */
import { analyzePolicy, analyzeTemplate, type AnalyzeOptions, type Catalog, type Finding, type PolicyDocument, type PolicyKind, type Range } from '..';

export interface AnalyzedPolicy {
  readonly range: Range;
  readonly document: PolicyDocument;
}

export interface DocumentAnalysis {
  readonly kind: PolicyKind | 'template';
  readonly syntax: 'json' | 'yaml';
  readonly findings: readonly Finding[];
  /** A policy file: one policy over the whole text; a template: its embedded policies. */
  readonly policies: readonly AnalyzedPolicy[];
}

/** YAML documents can only be templates; JSON ones are policies first, templates when they are not policies. */
export function analyzeDocument(text: string, languageId: string, uri: string, catalog: Catalog, options: AnalyzeOptions): DocumentAnalysis {
  if (languageId === 'yaml') {
    const template = analyzeTemplate(text, catalog, { format: 'yaml', rules: options.rules, maxDocumentChars: options.maxDocumentChars, document: uri });
    return template ? { kind: 'template', syntax: 'yaml', findings: template.findings, policies: template.policies } : { kind: 'not-a-policy', syntax: 'yaml', findings: [], policies: [] };
  }
  const result = analyzePolicy(text, catalog, options);
  if (result.kind !== 'not-a-policy' || result.findings.length > 0) {
    return { kind: result.kind, syntax: 'json', findings: result.findings, policies: result.document ? [{ range: { start: 0, end: text.length }, document: result.document }] : [] };
  }
  const template = analyzeTemplate(text, catalog, { format: 'json', rules: options.rules, maxDocumentChars: options.maxDocumentChars, document: uri });
  if (template) return { kind: 'template', syntax: 'json', findings: template.findings, policies: template.policies };
  return { kind: 'not-a-policy', syntax: 'json', findings: [], policies: result.document ? [{ range: { start: 0, end: text.length }, document: result.document }] : [] };
}

/** The policy the offset is in (the innermost for a template). */
export function policyAt(analysis: DocumentAnalysis, offset: number): AnalyzedPolicy | undefined {
  return analysis.policies.find((p) => p.range.start <= offset && offset <= p.range.end);
}
