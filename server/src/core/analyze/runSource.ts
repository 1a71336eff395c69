/**
 * The runner every source's reading goes through: the source's own findings, the checks on each policy it
 * found (with the identity-pool role its role model gives the policy, or the host's word), and the rules across
 * documents on its role model, all through the one reporting path, in document order.
 */
import type { Catalog } from '../catalog/types';
import type { IdentityPoolContext } from '../model/roles';
import type { Finding } from '../model/findings';
import { SYNTAX_KIND_DATA_KEY, type PolicyDocument, type Range, type SyntaxProblemKind } from '../model/policy';
import { Reporter, type RuleSettings } from '../rules/report';
import type { ModuleFileInput, SourceDocument, SourcePolicy, SourceRead } from '../sources/source';
import type { HclParser } from '../sources/terraform/hclTree';
import { analyzeRoles, identityPoolContextForRoles } from './analyzeRoles';
import { CHECKS, runChecks } from './runChecks';

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

export function runSource<P extends SourcePolicy>(document: SourceDocument, read: SourceRead<P>, catalog: Catalog, options: RunOptions): RunResult<P> {
  const reporter = new Reporter(options.rules);
  for (const f of read.findings) reporter.add(f);
  const findings = reporter.findings.filter((f) => !reportedByEditor(f, options));
  const policies = read.policies.map((p): RunPolicy<P> => ({ ...p, identityPool: identityPoolOf(read, p, options) }));
  if (!read.checksBlocked) {
    // One by one: a spread of an unbounded list of findings can exceed the engine's argument limit.
    for (const p of policies) {
      if (p.document.kind === 'not-a-policy') continue;
      const damaged = damagedStatements(p.document);
      for (const f of runChecks(p.document, catalog, options.rules, CHECKS, p.identityPool))
        if (!reportedByEditor(f, options) && !inDamagedStatement(f, damaged)) findings.push(f);
    }
    if (read.roles) for (const f of analyzeRoles(read.roles, options.rules)) if (f.document === document.id) findings.push(f.finding);
  }
  findings.sort((a, b) => a.range.start - b.range.start);
  return { findings, policies };
}

/**
 * The statements a syntax error runs through (the innermost statement around each parse error): the parser's
 * recovery guesses their structure (a stray quote reads as an element named `", "`, the element after it as
 * missing), so the checks' findings inside them would be a cascade of the one `json-syntax` finding. Comments
 * and trailing commas leave the structure intact.
 */
function damagedStatements(doc: PolicyDocument): Range[] {
  const out: Range[] = [];
  for (const problem of doc.syntaxProblems) {
    if (problem.kind !== 'error') continue;
    const statement = doc.statements.find((s) => s.range.start <= problem.range.start && problem.range.start < s.range.end);
    if (statement) out.push(statement.range);
  }
  return out;
}

/** A finding of a check (not the syntax error itself) inside a damaged statement. */
function inDamagedStatement(f: Finding, damaged: readonly Range[]): boolean {
  return f.ruleId !== 'json-syntax' && damaged.some((r) => r.start <= f.range.start && f.range.end <= r.end);
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
