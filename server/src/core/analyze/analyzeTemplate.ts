/**
 * A CloudFormation / SAM template, JSON or YAML: the template source and the runner. Every embedded policy gets
 * the checks a policy file gets (with the identity-pool role the template attaches it to), and the template's
 * role model the rules across documents. Findings are ranges into the template text. Pure.
 */
import type { Catalog } from '../catalog/types';
import type { Finding } from '../model/findings';
import type { DocumentId, RoleWorkspace } from '../model/roles';
import type { RuleSettings } from '../rules/report';
import type { ParsedTemplate, TemplateFormat } from '../sources/cloudformation/parseTemplate';
import type { EmbeddedPolicy } from '../sources/cloudformation/roles';
import { templateSource } from '../sources/cloudformation/templateSource';
import { DEFAULT_MAX_DOCUMENT_CHARS } from '../sources/source';
import { runSource, type RunPolicy } from './runSource';

export interface TemplateAnalyzeOptions {
  readonly format: TemplateFormat;
  /** Per-rule severity overrides (`cognitoPool.rules`, `--rule`). */
  readonly rules?: RuleSettings;
  readonly maxDocumentChars?: number;
  /** The template's name in the role model (`DocumentId`), e.g. its URI. Default `''`. */
  readonly document?: DocumentId;
}

/** An embedded policy with the identity-pool role the template gives it (what its checks were told). */
export type TemplatePolicy = RunPolicy<EmbeddedPolicy>;

export interface TemplateAnalysis {
  readonly kind: 'template';
  readonly template: ParsedTemplate;
  /** Every finding, embedded policies' and cross-document ones, in document order. */
  readonly findings: readonly Finding[];
  /** The role model of the template (document ids: `options.document`). */
  readonly model: RoleWorkspace;
  readonly policies: readonly TemplatePolicy[];
}

/** Analyses a template; undefined when the text is not a CloudFormation or SAM template. */
export function analyzeTemplate(text: string, catalog: Catalog, options: TemplateAnalyzeOptions): TemplateAnalysis | undefined {
  const document = { text, id: options.document ?? '', syntax: options.format, maxDocumentChars: options.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS };
  const detected = templateSource.detect(document);
  if (!detected) return undefined;
  const read = templateSource.read(document, detected.parsed);
  const { findings, policies } = runSource(document, read, catalog, options);
  return { kind: 'template', template: read.template, findings, model: read.roles, policies };
}
