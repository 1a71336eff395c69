/**
 * CloudFormation / SAM templates, JSON or YAML, as a source: the embedded policies (trust policies as `trust`,
 * the others as `identity`, each with the roles it belongs to) and the template's role model.
 *
 * Syntax: a JSON template's problems are `json-syntax` findings and the analysis goes on over jsonc-parser's
 * recovered tree (as for a policy file); a YAML template with errors gets one `yaml-syntax` finding (the first
 * error, naming how many follow) and no checks, because YAML's recovery can shift the structure. YAML that
 * CloudFormation reads though strict YAML 1.2 rejects it (yamlTree.ts) gets a `yaml-syntax` warning on each
 * offending line, and the template as CloudFormation reads it is checked.
 */
import { syntaxProblemData } from '../../model/policy';
import type { RoleWorkspace } from '../../model/roles';
import type { Reported } from '../../rules/report';
import type { Source, SourceDocument, SourceRead } from '../source';
import { parseTemplate, type ParsedTemplate } from './parseTemplate';
import { templateModel, type EmbeddedPolicy } from './roles';

export interface TemplateRead extends SourceRead<EmbeddedPolicy> {
  readonly kind: 'template';
  readonly template: ParsedTemplate;
  readonly roles: RoleWorkspace;
}

export interface TemplateSource extends Source<ParsedTemplate, EmbeddedPolicy> {
  read(document: SourceDocument, template: ParsedTemplate): TemplateRead;
}

export const templateSource: TemplateSource = {
  id: 'cloudformation',
  detect(document) {
    if (document.text.length > document.maxDocumentChars) return undefined; // the policy file's size notice applies
    if (document.syntax !== 'json' && document.syntax !== 'yaml') return undefined;
    const template = parseTemplate(document.text, document.syntax);
    return template && { parsed: template };
  },
  read(document, template) {
    const { workspace, policies } = templateModel(template, document.id);
    const findings: Reported[] = [];
    // YAML that CloudFormation reads and strict parsers reject: a warning on the line, and the template is checked.
    for (const p of template.lenientSyntax)
      findings.push({ ruleId: 'yaml-syntax', range: p.range, message: `${p.message}.`, extras: { defaultSeverity: 'warning' } });
    if (template.format === 'yaml' && template.syntaxProblems.length > 0) {
      const [first, ...others] = template.syntaxProblems;
      const more = others.length ? ` (${others.length} more error${others.length === 1 ? '' : 's'} after it)` : '';
      findings.push({
        ruleId: 'yaml-syntax',
        range: first.range,
        message: `YAML syntax error: ${first.message}${more}. CloudFormation cannot read the template; its policies are checked once it parses.`,
      });
      return { kind: 'template', template, policies, roles: workspace, findings, checksBlocked: true, tree: template.root };
    }
    for (const p of template.syntaxProblems) findings.push({ ruleId: 'json-syntax', range: p.range, message: p.message, extras: syntaxProblemData(p) });
    return { kind: 'template', template, policies, roles: workspace, findings, tree: template.root };
  },
};
