/**
 * Principal and NotPrincipal, the checks IAM Access Analyzer makes offline: what a role trust policy cannot name
 * (`"Principal": "*"`, NotPrincipal), Allow with NotPrincipal, and OIDC principals with no condition of their
 * provider. (Identity-pool principals have their own rules: checks/trust.ts.)
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import { cognitoClaimOf, isCognitoPrincipal } from '../cognito/knowledge';
import { ANY_PRINCIPAL } from '../iam/principals';
import { isExact, type Statement, type StringValue } from '../model/policy';
import { effectIs } from '../model/spans';
import type { Check, CheckContext } from './context';

export const checkPrincipals: Check = (ctx) => {
  for (const s of ctx.doc.statements) {
    const p = s.principal;
    if (!p) continue;
    if (p.kind === 'NotPrincipal') {
      checkNotPrincipal(ctx, s);
      continue;
    }
    if (ctx.doc.kind !== 'trust') continue;
    if (p.stringForm && isExact(p.stringForm) && p.stringForm.value === ANY_PRINCIPAL) {
      // Access Analyzer's "Role trust policy unsupported wildcard in principal", an error.
      ctx.report(
        'trust-wildcard-principal',
        p.stringForm.range,
        '"Principal": "*" is not supported in a role trust policy: name the principal, e.g. { "Federated": "cognito-identity.amazonaws.com" } for identity-pool users.',
      );
    }
    if (effectIs(s, 'allow')) for (const e of p.entries) if (e.type === 'Federated') for (const v of e.values) checkOidcPrincipal(ctx, s, v);
  }
};

/**
 * Access Analyzer's "Role trust policy syntax error notprincipal" (an error) in trust policies, and "Allow with
 * NotPrincipal" (a security warning) elsewhere: Allow with NotPrincipal grants every other principal, anonymous
 * callers included.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
function checkNotPrincipal(ctx: CheckContext, s: Statement): void {
  const element = s.byName.get('NotPrincipal');
  if (!element || s.byName.has('Principal')) return; // both: conflicting-elements
  if (ctx.doc.kind === 'trust') {
    ctx.report(
      'trust-not-principal',
      element.keyRange,
      'A role trust policy cannot have "NotPrincipal": IAM rejects it. Name who may assume the role in "Principal".',
    );
  } else if (effectIs(s, 'allow') && s.effect && isExact(s.effect)) {
    ctx.report(
      'allow-with-not-principal',
      element.keyRange,
      '"Allow" with "NotPrincipal" grants every principal not listed, anonymous callers included. Name the principals in "Principal", or deny the others with "Deny" and "NotPrincipal".',
    );
  }
}

/**
 * Access Analyzer's "Missing condition key for oidc principal" (a security warning): a web identity provider other
 * than Amazon Cognito (which trust-missing-aud covers) trusted with no condition on its own keys (`<provider>:aud`,
 * `:sub`, ...), so any token the provider issues, for any app or user, can assume the role. SAML providers and
 * values the template leaves open are not judged.
 */
function checkOidcPrincipal(ctx: CheckContext, s: Statement, v: StringValue): void {
  if (!isExact(v) || isCognitoPrincipal(v.value)) return;
  const provider = oidcProviderOf(v.value);
  if (!provider) return;
  const prefix = `${provider.toLowerCase()}:`;
  const keys = (s.conditions ?? []).flatMap((b) => b.entries.map((e) => e.key.value.toLowerCase()));
  // Identity-pool keys beside it: the principal is meant to be Cognito's (trust-principal-mismatch says so).
  if (keys.some((k) => k.startsWith(prefix) || cognitoClaimOf(k) !== undefined)) return;
  ctx.report(
    'oidc-principal-without-condition',
    v.range,
    `No condition on "${provider}"'s keys: every token it issues, for any app or user, can assume this role. Add one such as "StringEquals": {"${provider}:aud": "<your client ID>"}.`,
  );
}

/** The provider an OIDC federated principal names (`arn:...:oidc-provider/<host/path>` or a well-known host); undefined for SAML and anything else. */
function oidcProviderOf(value: string): string | undefined {
  if (value.includes('*') || value.includes('${')) return undefined;
  const marker = ':oidc-provider/';
  const at = value.indexOf(marker);
  if (value.startsWith('arn:')) return at > 0 && value.length > at + marker.length ? value.slice(at + marker.length) : undefined;
  return /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(value) ? value : undefined;
}
