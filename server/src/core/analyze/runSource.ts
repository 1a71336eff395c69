/**
 * The runner every source's reading goes through: the source's own findings, the checks on each policy it
 * found (with the identity-pool role its role model gives the policy, or the host's word), and the rules across
 * documents on its role model, all through the one reporting path, in document order.
 */
import type { Catalog } from '../catalog/types';
import type { IdentityPoolContext } from '../model/roles';
import type { Finding } from '../model/findings';
import { SYNTAX_KIND_DATA_KEY, type PolicyDocument, type Range, type SyntaxProblemKind } from '../model/policy';
import { Reporter, type Reported, type RuleSettings } from '../rules/report';
import { isChecked, type ModuleFileInput, type SourceDocument, type SourcePolicy, type SourceRead } from '../sources/source';
import type { HclParser } from '../sources/terraform/hclTree';
import { analyzeRoles, identityPoolContextForRoles } from './analyzeRoles';
import { ExpansionBudget } from '../catalog/expansion';
import { CHECKS, runChecks } from './runChecks';
import { mergeVariantFindings } from './variants';
import { formatCount } from '../text/numbers';

export interface RunOptions {
  /** Per-rule severity overrides (`cognitoPool.rules`, `--rule`). Unknown ids are ignored. */
  readonly rules?: RuleSettings;
  readonly maxDocumentChars?: number;
  /**
   * The host knows the policy is a permission policy of an identity-pool role (and which one). Default:
   * detected from the document (Cognito variables or condition keys); the guest rules need `role: 'guest'`.
   * A source with a role model (a template) says it for its own policies instead.
   */
  readonly identityPool?: IdentityPoolContext;
  /**
   * The kinds of JSON syntax problems the host's editor already reports for this document (VS Code's built-in
   * JSON service: every error, trailing commas and comments in `json` mode; errors and trailing commas in
   * `jsonc`): their `json-syntax` findings are left out, so each mistake is reported once. Default: none (the
   * CLI, YAML templates and editors without a JSON service get every one).
   */
  readonly syntaxReportedByEditor?: readonly SyntaxProblemKind[];
  /**
   * The host's HCL parser, for Terraform documents (`.tf`, `.tpl`). It is WebAssembly, initialised
   * asynchronously once by the host, while analysis is synchronous: the host hands in the ready parser, as it
   * hands in the catalog. Without it Terraform documents are not read (kind `not-a-policy`).
   */
  readonly hclParser?: HclParser;
  /**
   * The other `.tf` files of a Terraform document's module (its folder), as the host read them: their roles,
   * pools, attachments and role policies join the document's role model (references resolve across them), and
   * the findings across documents point into them. Only the document's own findings are reported.
   */
  readonly terraformModule?: readonly ModuleFileInput[];
}

/** A policy of the document with the identity-pool role its checks were told. */
export type RunPolicy<P extends SourcePolicy = SourcePolicy> = P & { readonly identityPool?: IdentityPoolContext };

export interface RunResult<P extends SourcePolicy> {
  readonly findings: readonly Finding[];
  readonly policies: readonly RunPolicy<P>[];
}

/**
 * The most findings a document lists (issue 15: 495,000 diagnostics made one 138 MB message); beyond it one
 * `analysis-limit` finding says how many more there are. Each policy's checks keep at most
 * `POLICY_FINDINGS_KEPT`, so a document's first findings in document order are nearly always among them.
 */
export const MAX_FINDINGS_PER_DOCUMENT = 1_000;
const POLICY_FINDINGS_KEPT = 5 * MAX_FINDINGS_PER_DOCUMENT;

export function runSource<P extends SourcePolicy>(document: SourceDocument, read: SourceRead<P>, catalog: Catalog, options: RunOptions): RunResult<P> {
  const reporter = new Reporter(options.rules);
  for (const f of read.findings) reporter.add(f);
  const findings = reporter.findings.filter((f) => !reportedByEditor(f, options));
  let dropped = 0;
  const expansion = new ExpansionBudget();
  const policies = read.policies.map((p): RunPolicy<P> => ({ ...p, identityPool: identityPoolOf(read, p, options) }));
  if (!read.checksBlocked) {
    // A statement two policies share (a Terraform policy document merges another's) is reported once.
    const seen = policies.length > 1 ? new Set<string>() : undefined;
    // One by one: a spread of an unbounded list of findings can exceed the engine's argument limit.
    for (const p of policies) {
      if (!isChecked(p)) continue;
      const damage = damageOf(p.document, read.findings);
      let checked: readonly Finding[];
      if (p.variants) {
        // A template's Fn::If around whole parts: each reading is checked, and their findings merged.
        let variantDropped = 0;
        const runs = p.variants.map((v) => {
          const found = v.document ? runChecks(v.document, catalog, options.rules, CHECKS, p.identityPool, POLICY_FINDINGS_KEPT, expansion) : [];
          variantDropped = Math.max(variantDropped, (found as { dropped?: number }).dropped ?? 0);
          return { findings: found, chosen: v.chosen };
        });
        dropped += variantDropped;
        const base = runChecks(p.document, catalog, options.rules, CHECKS, p.identityPool, POLICY_FINDINGS_KEPT, expansion);
        checked = mergeVariantFindings(runs, base, (f) => f);
      } else {
        const all = runChecks(p.document, catalog, options.rules, CHECKS, p.identityPool, POLICY_FINDINGS_KEPT, expansion);
        dropped += all.dropped ?? 0;
        checked = all;
      }
      for (const f of checked) {
        if (reportedByEditor(f, options) || (damage.length > 0 && inDamage(f, damage))) continue;
        if (seen) {
          const key = `${f.ruleId}\u0000${f.range.start}\u0000${f.range.end}\u0000${f.message}`;
          if (seen.has(key)) continue;
          seen.add(key);
        }
        findings.push(f);
      }
    }
    if (read.roles) for (const f of analyzeRoles(read.roles, options.rules)) if (f.document === document.id) findings.push(f.finding);
  }
  findings.sort((a, b) => a.range.start - b.range.start);
  if (findings.length + dropped > MAX_FINDINGS_PER_DOCUMENT) {
    const kept = Math.min(findings.length, MAX_FINDINGS_PER_DOCUMENT);
    const more = findings.length + dropped - kept;
    const first = findings[kept] ?? findings[kept - 1];
    findings.length = kept;
    const limit = new Reporter(options.rules).report(
      'analysis-limit',
      first.range,
      `${formatCount(more)} more findings in this document are not listed: the analysis lists at most ${formatCount(MAX_FINDINGS_PER_DOCUMENT)} per document. Fix these first.`,
    );
    if (limit) findings.push(limit);
  }
  return { findings, policies };
}

/**
 * Where the checks cannot be trusted in a statement a parse error runs through: from the error to the
 * statement's end (the parser's recovery guesses that structure: a stray quote reads as an element named `", "`),
 * and the statement as a whole (its missing elements may be the ones the recovery lost). What comes before the
 * error in the statement is intact and stays checked, so typing a new key does not hide the others' findings.
 * An error on a statement's opening brace (a missing comma between two statements) damages neither. Comments and
 * trailing commas damage nothing. The errors are the policy's own (a policy file) or the source's `json-syntax`
 * findings inside it (a JSON template).
 */
interface Damage {
  readonly statement: Range;
  readonly from: number;
}

function damageOf(doc: PolicyDocument, sourceFindings: readonly Reported[]): Damage[] {
  const errors = [
    ...doc.syntaxProblems.filter((p) => p.kind === 'error').map((p) => p.range.start),
    ...sourceFindings.filter((f) => f.ruleId === 'json-syntax' && f.extras?.data?.[SYNTAX_KIND_DATA_KEY] === 'error').map((f) => f.range.start),
  ];
  const out: Damage[] = [];
  for (const at of errors) {
    const statement = doc.statements.find((s) => s.range.start < at && (at < s.range.end || (at === s.range.end && s.range.end === doc.text.length)));
    if (statement) out.push({ statement: statement.range, from: at });
  }
  return out;
}

/** A check's finding (not the syntax error itself) that a damaged statement leaves in doubt. */
function inDamage(f: Finding, damage: readonly Damage[]): boolean {
  if (f.ruleId === 'json-syntax') return false;
  return damage.some(
    (d) => f.range.start >= d.statement.start && f.range.end <= d.statement.end && (f.range.start >= d.from || f.range.start === d.statement.start),
  );
}

/** A `json-syntax` finding whose kind of problem the host's editor reports itself. */
function reportedByEditor(f: Finding, options: RunOptions): boolean {
  const kinds = options.syntaxReportedByEditor;
  if (!kinds?.length || f.ruleId !== 'json-syntax') return false;
  const kind = f.data?.[SYNTAX_KIND_DATA_KEY];
  return kind !== undefined && (kinds as readonly string[]).includes(kind);
}

/** The role model's word for its policies (trust policies get none), the host's for the others. */
function identityPoolOf(read: SourceRead, p: SourcePolicy, options: RunOptions): IdentityPoolContext | undefined {
  if (!read.roles || !p.roles) return options.identityPool;
  return p.document.kind === 'identity' ? identityPoolContextForRoles(read.roles, p.roles) : undefined;
}
