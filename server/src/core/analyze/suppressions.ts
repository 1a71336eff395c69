/**
 * Inline suppressions, in the formats that have comments (YAML templates, Terraform; JSON when the editor allows
 * comments, which IAM still rejects): a comment `cognito-pool-lint-disable-next-line RULE[, RULE...] -- reason`
 * drops the findings of those rules that start on the next line. A suppression that drops nothing (no such finding
 * there, or no such rule) is itself reported (`unused-suppression`), so none outlives its reason; one for a rule
 * the user turned off is left alone (another configuration may turn it on). Strict-JSON policy files suppress
 * through the config file instead. Comments come from each syntax's own tokens: jsonc-parser's scanner, the YAML
 * library's CST, the HCL parse tree.
 */
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { Parser as YamlParser } from 'yaml';
import type { Finding } from '../model/findings';
import type { Syntax } from '../model/policy';
import { Reporter, type RuleSettings } from '../rules/report';
import { ruleInfo } from '../rules/registry';
import type { HclNode, HclParser } from '../sources/terraform/hclTree';
import { LineIndex } from '../text/positions';

export const SUPPRESSION_DIRECTIVE = 'cognito-pool-lint-disable-next-line';
export const UNUSED_SUPPRESSION = 'unused-suppression';

interface Comment {
  readonly start: number;
  readonly end: number;
}

interface Directive {
  /** The line (0-based) whose findings it suppresses. */
  readonly line: number;
  readonly rules: readonly { readonly id: string; readonly start: number; readonly end: number }[];
}

/** The comments of a document, by its syntax; none for a syntax without comments or a parse that failed. */
function commentsOf(text: string, syntax: Syntax, hclParser: HclParser | undefined): Comment[] {
  if (!text.includes(SUPPRESSION_DIRECTIVE)) return [];
  if (syntax === 'json') {
    const out: Comment[] = [];
    const scanner = createScanner(text, false);
    for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
      if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia)
        out.push({ start: scanner.getTokenOffset(), end: scanner.getTokenOffset() + scanner.getTokenLength() });
    }
    return out;
  }
  if (syntax === 'yaml') {
    const out: Comment[] = [];
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) for (const v of value) visit(v);
      else if (value && typeof value === 'object') {
        const token = value as { type?: unknown; offset?: unknown; source?: unknown };
        if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string')
          out.push({ start: token.offset, end: token.offset + token.source.length });
        else for (const v of Object.values(value)) visit(v);
      }
    };
    for (const token of new YamlParser().parse(text)) visit(token);
    return out;
  }
  if (syntax === 'hcl' && hclParser) {
    const out: Comment[] = [];
    const visit = (node: HclNode): void => {
      if (node.type === 'comment') out.push({ start: node.start, end: node.end });
      else for (const child of node.children) visit(child);
    };
    visit(hclParser.parse(text));
    return out;
  }
  return [];
}

/** The directive a comment holds: `//`, `#` or `/* *\/` around `cognito-pool-lint-disable-next-line RULES [-- reason]`. */
function directiveOf(comment: Comment, text: string, lines: LineIndex): Directive | undefined {
  const raw = text.slice(comment.start, comment.end);
  const open = /^(\/\/|#|\/\*)\s*/.exec(raw);
  if (!open) return undefined;
  const bodyStart = open[0].length;
  const body = raw.slice(bodyStart).replace(/\*\/$/, '');
  if (!body.startsWith(SUPPRESSION_DIRECTIVE) || (body.length > SUPPRESSION_DIRECTIVE.length && !/\s/.test(body[SUPPRESSION_DIRECTIVE.length])))
    return undefined;
  const reasonAt = body.indexOf(' --');
  const list = body.slice(SUPPRESSION_DIRECTIVE.length, reasonAt >= 0 ? reasonAt : undefined);
  const listStart = comment.start + bodyStart + SUPPRESSION_DIRECTIVE.length;
  const rules: Directive['rules'][number][] = [];
  for (const m of list.matchAll(/[^\s,]+/g)) rules.push({ id: m[0], start: listStart + m.index, end: listStart + m.index + m[0].length });
  return { line: lines.positionAt(comment.end).line + 1, rules };
}

/**
 * The findings with those the document's suppressions name dropped, and an `unused-suppression` finding for each
 * rule of a suppression that dropped none (or for a suppression that names no rule).
 */
export function applySuppressions(
  text: string,
  syntax: Syntax,
  findings: readonly Finding[],
  rules: RuleSettings | undefined,
  hclParser: HclParser | undefined,
): readonly Finding[] {
  const comments = commentsOf(text, syntax, hclParser);
  if (comments.length === 0) return findings;
  const lines = new LineIndex(text);
  const directives = comments.flatMap((c) => directiveOf(c, text, lines) ?? []);
  if (directives.length === 0) return findings;
  const used = new Set<string>();
  const kept = findings.filter((f) => {
    if (f.ruleId === UNUSED_SUPPRESSION) return true;
    const line = lines.positionAt(f.range.start).line;
    for (const [i, d] of directives.entries()) {
      if (d.line !== line) continue;
      const rule = d.rules.findIndex((r) => r.id === f.ruleId);
      if (rule < 0) continue;
      used.add(`${i}:${rule}`);
      return false;
    }
    return true;
  });
  const reporter = new Reporter(rules);
  for (const [i, d] of directives.entries()) {
    if (d.rules.length === 0) {
      const at = comments.find((c) => lines.positionAt(c.end).line + 1 === d.line)!;
      reporter.report(
        UNUSED_SUPPRESSION,
        { start: at.start, end: at.end },
        `This ${SUPPRESSION_DIRECTIVE} comment names no rule: name the rules it suppresses, e.g. "${SUPPRESSION_DIRECTIVE} missing-version -- reason".`,
      );
    }
    for (const [j, r] of d.rules.entries()) {
      if (used.has(`${i}:${j}`)) continue;
      if (!ruleInfo(r.id)) {
        reporter.report(UNUSED_SUPPRESSION, r, `"${r.id}" is not a rule of cognito-pool-lint, so this suppression does nothing: fix the rule id or remove it.`);
        continue;
      }
      if (rules?.[r.id] === 'off') continue;
      reporter.report(UNUSED_SUPPRESSION, r, `No "${r.id}" finding on the next line: this suppression is unused. Remove it.`);
    }
  }
  const unused = reporter.findings;
  return unused.length ? [...kept, ...unused].sort((a, b) => a.range.start - b.range.start) : kept;
}
