/**
 * The rules across documents on a role model, whatever filled it (a template, a setting mapping policy files
 * to roles), with the user's severities: findings per document, and the identity-pool role each permission
 * policy should be analysed as (AnalyzeOptions.identityPool). Pure.
 */
import type { IdentityPoolContext } from '../model/roles';
import { checkRoles } from '../checks/roles';
import type { Finding } from '../model/findings';
import { Reporter, type RuleSettings } from '../rules/report';
import { identityPoolContextOf, roleById, type DocumentId, type RoleWorkspace } from '../model/roles';

export interface RoleFinding {
  /** The document the finding is in; its related locations say theirs when it is another one. */
  readonly document: DocumentId;
  readonly finding: Finding;
}

/** Findings of the rules across documents, in the order they are found (sort per document to display). */
export function analyzeRoles(ws: RoleWorkspace, rules?: RuleSettings): RoleFinding[] {
  const out: RoleFinding[] = [];
  const reporter = new Reporter(rules);
  checkRoles(ws, (document, ruleId, range, message, extras) => {
    const finding = reporter.report(ruleId, range, message, extras);
    if (finding) out.push({ document, finding });
  });
  return out;
}

/**
 * The identity-pool role to analyse a permission policy as, given the roles it belongs to: guest when any of
 * them is a guest role (the guest rules apply), else authenticated, else an identity-pool role of unknown kind,
 * else undefined (the document decides).
 */
export function identityPoolContextForRoles(ws: RoleWorkspace, roleIds: readonly string[]): IdentityPoolContext | undefined {
  let context: IdentityPoolContext | undefined;
  for (const id of roleIds) {
    const role = roleById(ws, id);
    const c = role && identityPoolContextOf(ws, role);
    if (!c) continue;
    if (c.role === 'guest') return c;
    if (!context || c.role) context = c;
  }
  return context;
}
