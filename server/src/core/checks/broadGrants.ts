/**
 * Broad grants: Allow with NotAction/NotResource, and Allow of every action. These are legal and
 * sometimes intended (a deliberate admin role), so they are warnings, never errors.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
 */
import { isExact, type Statement } from '../model/policy';
import { splitArn } from '../text/arn';
import { actionPatternCovers } from '../text/wildcard';
import type { Check, CheckContext } from './context';

export const checkBroadGrants: Check = (ctx) => {
  for (const s of ctx.doc.statements) {
    if (s.effect?.value !== 'Allow') continue;
    const notAction = s.byName.get('NotAction');
    if (notAction) {
      ctx.report(
        'allow-with-not-action',
        notAction.keyRange,
        '"Allow" with "NotAction" grants every action not listed, including actions AWS adds later. List the allowed actions in "Action" instead.',
      );
    }
    const notResource = s.byName.get('NotResource');
    if (notResource) {
      ctx.report(
        'allow-with-not-resource',
        notResource.keyRange,
        '"Allow" with "NotResource" grants the actions on every resource not listed. List the allowed resources in "Resource" instead.',
      );
    }
    for (const a of s.actions ?? []) {
      if (a.value === '*' && isExact(a)) {
        ctx.report(
          'allow-all-actions',
          a.range,
          '"Action": "*" with "Allow" grants every action of every AWS service. Grant only the actions this role needs.',
        );
      }
    }
    checkPassRoleOnAnyRole(ctx, s);
  }
};

const PASS_ROLE = 'iam:PassRole';

/**
 * Access Analyzer's "Pass role with star in resource" (a security warning): `iam:PassRole` on every role lets the
 * principal hand any role, an administrator's included, to any service that takes one. Silent when the statement
 * names the services with `iam:PassedToService`, as Access Analyzer recommends. (`"Action": "*"` is
 * allow-all-actions'.)
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
function checkPassRoleOnAnyRole(ctx: CheckContext, s: Statement): void {
  const action = s.actions?.find((a) => isExact(a) && a.value !== '*' && actionPatternCovers(a.value, PASS_ROLE));
  if (!action) return;
  const anyRole = s.resources?.find((r) => isExact(r) && (r.value === '*' || isEveryRole(r.value)));
  if (!anyRole) return;
  if ((s.conditions ?? []).some((b) => b.entries.some((e) => e.key.value.toLowerCase() === 'iam:passedtoservice'))) return;
  ctx.report(
    'pass-role-on-any-role',
    anyRole.range,
    `"${action.value}" on "${anyRole.value}" lets this principal pass any role, an administrator's included, to any service. Name the roles it may pass, or add "StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"}.`,
  );
}

/** An IAM ARN whose resource part is `*` or `role/*`: every role of the account (or of every account). */
function isEveryRole(text: string): boolean {
  const parts = splitArn(text);
  return parts !== undefined && (parts.service === 'iam' || parts.service === '*') && (parts.resource === '*' || parts.resource === 'role/*');
}
