/**
 * The rules across documents on a role model, whatever filled it (a template, a setting mapping policy files
 * to roles), with the user's severities: findings per document, and the identity-pool role each permission
 * policy should be analysed as (AnalyzeOptions.identityPool). Pure.
 */
import type { IdentityPoolContext } from '../model/roles';
import { checkRoles } from '../checks/roles';
import type { Finding } from '../model/findings';
import { Reporter, type RuleSettings } from '../rules/report';
import { identityPoolContextOf, roleById, type DocumentId, type PolicySource, type RoleWorkspace } from '../model/roles';
import type { Range } from '../model/policy';
import { pushAll } from '../text/lists';
import { mergeVariantFindings } from './variants';

export interface RoleFinding {
  /** The document the finding is in; its related locations say theirs when it is another one. */
  readonly document: DocumentId;
  readonly finding: Finding;
}

/** Findings of the rules across documents, in the order they are found (sort per document to display). */
export function analyzeRoles(ws: RoleWorkspace, rules?: RuleSettings): RoleFinding[] {
  const readings = workspaceVariants(ws);
  if (!readings) return checkWorkspace(ws, rules);
  // Policies written with Fn::If around whole parts: the rules run on the workspace under each condition's
  // value, and their findings are merged (analyze/variants.ts).
  const runs = readings.map((r) => ({ findings: checkWorkspace(r.ws, rules), chosen: r.chosen }));
  return mergeVariantFindings(
    runs,
    checkWorkspace(ws, rules),
    (f) => f.finding,
    (f) => `${f.document}\u0000${f.finding.ruleId}\u0000${f.finding.range.start}\u0000${f.finding.range.end}`,
  );
}

function checkWorkspace(ws: RoleWorkspace, rules?: RuleSettings): RoleFinding[] {
  const out: RoleFinding[] = [];
  const reporter = new Reporter(rules);
  checkRoles(ws, (document, ruleId, range, message, extras) => {
    const finding = reporter.report(ruleId, range, message, extras);
    if (finding) out.push({ document, finding });
  });
  return out;
}

/** The most readings of a workspace the rules across documents run on (two per condition, 8 conditions). */
const MAX_WORKSPACE_READINGS = 16;

/**
 * The workspace under each value of each condition of its policies' readings: every policy with a reading for
 * it takes that reading, the others stay as they are. Undefined when no policy has readings, or too many
 * conditions. (The chosen ranges are those of the workspace's template: its policies' readings.)
 */
function workspaceVariants(ws: RoleWorkspace): { ws: RoleWorkspace; chosen: Range[] }[] | undefined {
  const keys: { condition: string; value: boolean }[] = [];
  const sources = ws.roles.flatMap((r) => [...(r.trust ? [r.trust] : []), ...r.permissions]);
  for (const p of sources)
    for (const v of p.variants ?? [])
      if (!keys.some((k) => k.condition === v.condition && k.value === v.value)) keys.push({ condition: v.condition, value: v.value });
  if (keys.length === 0 || keys.length > MAX_WORKSPACE_READINGS) return undefined;
  return keys.map((key) => {
    const chosen: Range[] = [];
    const pick = (p: PolicySource): PolicySource => {
      const v = p.variants?.find((x) => x.condition === key.condition && x.value === key.value);
      if (!v) return p;
      pushAll(chosen, v.chosen);
      // A reading with no policy (AWS::NoValue, a Ref) is left open: the rules are silent on what they cannot see.
      return v.document ? { ...p, policy: v.document } : p;
    };
    const roles = ws.roles.map((r) => ({ ...r, ...(r.trust && { trust: pick(r.trust) }), permissions: r.permissions.map(pick) }));
    return { ws: { ...ws, roles }, chosen };
  });
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
