/**
 * Broad grants: Allow with NotAction/NotResource, and Allow of every action. These are legal and
 * sometimes intended (a deliberate admin role), so they are warnings, never errors.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
 */
import { isExact } from '../model/policy';
import type { Check } from './context';

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
  }
};
