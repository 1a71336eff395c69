/**
 * The policy runner: every check over one parsed policy, findings through the one reporting path.
 */
import type { Catalog } from '../catalog/types';
import { checkActions } from '../checks/actions';
import { checkBroadGrants } from '../checks/broadGrants';
import { checkConditions } from '../checks/conditions';
import { ExpansionBudget, MAX_EXPANDED_NAMES } from '../catalog/expansion';
import { checkConditionValues } from '../checks/conditionValues';
import { checkConditionScope } from '../checks/conditionScope';
import { checkPrincipals } from '../checks/principals';
import { checkPolicySize } from '../checks/limits';
import { checkSuggestions } from '../checks/suggestions';
import type { Check, CheckContext } from '../checks/context';
import type { IdentityPoolContext } from '../model/roles';
import { checkResources } from '../checks/resources';
import { checkStarOnlyActions } from '../checks/starOnlyActions';
import { checkArnParts } from '../checks/arnParts';
import { checkIdentityPoolPermissions } from '../checks/identityPoolPermissions';
import { checkDuplicateKeys, checkJsonSyntax, checkStatements, checkTopLevel } from '../checks/structure';
import { checkTrustPolicies } from '../checks/trust';
import { checkVariables } from '../checks/variables';
import type { Finding } from '../model/findings';
import type { PolicyDocument } from '../model/policy';
import { Reporter, type RuleSettings } from '../rules/report';
import { formatCount } from '../text/numbers';

/** Every check, in the order their findings are listed. New rule families plug in here. */
export const CHECKS: readonly Check[] = [
  checkJsonSyntax,
  checkDuplicateKeys,
  checkTopLevel,
  checkStatements,
  checkActions,
  checkResources,
  checkStarOnlyActions,
  checkArnParts,
  checkConditions,
  checkConditionValues,
  checkConditionScope,
  checkVariables,
  checkBroadGrants,
  checkPrincipals,
  checkTrustPolicies,
  checkIdentityPoolPermissions,
  checkPolicySize,
  checkSuggestions,
];

/**
 * The findings of `checks` on one policy, in document order (stable: findings at one position keep the order of the checks).
 * At most `limit` are kept (the first reported); `dropped` counts the others.
 */
export function runChecks(
  document: PolicyDocument,
  catalog: Catalog,
  rules?: RuleSettings,
  checks: readonly Check[] = CHECKS,
  identityPool?: IdentityPoolContext,
  limit = Infinity,
  expansion = new ExpansionBudget(),
): Finding[] & { dropped?: number } {
  const reporter = new Reporter(rules, limit);
  const ctx: CheckContext = {
    doc: document,
    catalog,
    expansion,
    identityPool,
    report: (ruleId, range, message, extras) => void reporter.report(ruleId, range, message, extras),
  };
  const refusedBefore = expansion.refused;
  for (const check of checks) check(ctx);
  if (expansion.refused && !refusedBefore) {
    reporter.report(
      'analysis-limit',
      expansion.refused,
      `The wildcard actions from here on are not checked: the analysis matches at most ${formatCount(MAX_EXPANDED_NAMES)} catalog action names per document against wildcards.`,
    );
  }
  const out: Finding[] & { dropped?: number } = reporter.findings.slice().sort((a, b) => a.range.start - b.range.start);
  if (reporter.dropped > 0) out.dropped = reporter.dropped;
  return out;
}
