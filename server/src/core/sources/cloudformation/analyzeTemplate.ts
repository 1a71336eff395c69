/**
 * CloudFormation / SAM templates, JSON or YAML: every embedded policy gets the checks a standalone policy gets
 * (trust policies as `trust`, the others as `identity`, with the identity-pool role the template attaches them
 * to), and the role model gets the cross-document rules. Findings are ranges into the template text.
 *
 * Syntax: a JSON template's problems are `json-syntax` findings and analysis goes on over jsonc-parser's
 * recovered tree (as for a standalone policy); a YAML template with errors gets one `yaml-syntax` finding (the
 * first error, naming how many follow) and nothing else, because YAML's recovery can shift the structure.
 * Pure: no file system, no editor API.
 */
import { CHECKS, DEFAULT_MAX_DOCUMENT_CHARS, resolveSeverity, runChecks } from '../../analyze/analyzePolicy';
import type { Catalog } from '../../catalog/types';
import type { IdentityPoolContext } from '../../checks/context';
import type { Finding } from '../../model/findings';
import type { Range } from '../../model/policy';
import { analyzeRoles, identityPoolContextForRoles } from '../../analyze/analyzeRoles';
import type { DocumentId, RoleWorkspace } from '../../model/roles';
import type { SeveritySetting } from '../../rules/registry';
import { parseTemplate, type ParsedTemplate, type TemplateFormat } from './parseTemplate';
import { templateModel, type EmbeddedPolicy } from './roles';

export interface TemplateAnalyzeOptions {
  readonly format: TemplateFormat;
  /** Per-rule severity overrides (`cognitoPool.rules`, `--rule`). */
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  readonly maxDocumentChars?: number;
  /** The template's name in the role model (`DocumentId`), e.g. its URI. Default `''`. */
  readonly document?: DocumentId;
}

/** An embedded policy with the identity-pool role the template gives it (what its checks were told). */
export interface TemplatePolicy extends EmbeddedPolicy {
  readonly identityPool?: IdentityPoolContext;
}

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
  const max = options.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS;
  if (text.length > max) return undefined; // the host's size notice applies (analyzePolicy's document-too-large)
  const template = parseTemplate(text, options.format);
  if (!template) return undefined;
  const document = options.document ?? '';
  const { workspace, policies: embedded } = templateModel(template, document);
  const findings: Finding[] = [];
  const add = (ruleId: string, range: Range, message: string) => {
    const severity = resolveSeverity(ruleId, undefined, options.rules);
    if (severity) findings.push({ ruleId, severity, message, range });
  };

  const policies: TemplatePolicy[] = embedded.map((p) => ({ ...p, identityPool: p.kind === 'identity' ? identityPoolContextForRoles(workspace, p.roles) : undefined }));
  if (template.format === 'yaml' && template.syntaxProblems.length > 0) {
    const [first, ...others] = template.syntaxProblems;
    const more = others.length ? ` (${others.length} more error${others.length === 1 ? '' : 's'} after it)` : '';
    add('yaml-syntax', first.range, `YAML syntax error: ${first.message}${more}. CloudFormation cannot read the template; its policies are checked once it parses.`);
    return { kind: 'template', template, findings, model: workspace, policies };
  }
  for (const p of template.syntaxProblems) add('json-syntax', p.range, p.message);
  for (const p of policies) findings.push(...runChecks(p.document, catalog, options.rules, CHECKS, p.identityPool));
  for (const f of analyzeRoles(workspace, options.rules)) if (f.document === document) findings.push(f.finding);
  findings.sort((a, b) => a.range.start - b.range.start);
  return { kind: 'template', template, findings, model: workspace, policies };
}
