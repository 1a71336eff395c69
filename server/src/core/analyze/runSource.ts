/**
 * The runner every source's reading goes through: the source's own findings, the checks on each policy it
 * found (with the identity-pool role its role model gives the policy, or the host's word), and the rules across
 * documents on its role model, all through the one reporting path, in document order.
 */
import type { Catalog } from '../catalog/types';
import type { IdentityPoolContext } from '../model/roles';
import type { Finding } from '../model/findings';
import { Reporter, type RuleSettings } from '../rules/report';
import type { SourceDocument, SourcePolicy, SourceRead } from '../sources/source';
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
  const findings = [...reporter.findings];
  const policies = read.policies.map((p): RunPolicy<P> => ({ ...p, identityPool: identityPoolOf(read, p, options) }));
  if (!read.checksBlocked) {
    // One by one: a spread of an unbounded list of findings can exceed the engine's argument limit.
    for (const p of policies) {
      if (p.document.kind === 'not-a-policy') continue;
      for (const f of runChecks(p.document, catalog, options.rules, CHECKS, p.identityPool)) findings.push(f);
    }
    if (read.roles) for (const f of analyzeRoles(read.roles, options.rules)) if (f.document === document.id) findings.push(f.finding);
  }
  findings.sort((a, b) => a.range.start - b.range.start);
  return { findings, policies };
}

/** The role model's word for its policies (trust policies get none), the host's for the others. */
function identityPoolOf(read: SourceRead, p: SourcePolicy, options: RunOptions): IdentityPoolContext | undefined {
  if (!read.roles || !p.roles) return options.identityPool;
  return p.document.kind === 'identity' ? identityPoolContextForRoles(read.roles, p.roles) : undefined;
}
