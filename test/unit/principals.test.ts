/**
 * The typed principal of the policy model (Statement.principal) and the one answer to "does this statement trust
 * identity pools?" (iam/principals.ts), then each caller whose answer changed when the four readings became one:
 * completion, the evaluator's trust, the trust checks, the role rules and the role model.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  analyzePolicy,
  analyzeRoles,
  analyzeTemplate,
  complete,
  evaluateRequest,
  identityPoolContextForRoles,
  parsePolicy,
  type PolicyDocument,
  type RoleWorkspace,
} from '../../server/src/core';
import { letsIdentityPoolsAssume, namedCognitoPrincipal, poolTrustOf, trustsIdentityPools } from '../../server/src/core/iam/principals';
import type { Statement, StringValue } from '../../server/src/core/model/policy';
import { parsed } from './cursor';
import { catalog, policy, summary } from './helpers';

const COGNITO = 'cognito-identity.amazonaws.com';
const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';
const POOL_ID = 'us-east-1:12345678-1234-1234-1234-123456789012';

function statementOf(principal: Record<string, unknown>): { text: string; s: Statement } {
  const text = policy([{ Effect: 'Allow', ...principal, Action: WEB_IDENTITY }]);
  return { text, s: parsePolicy(text).statements[0] };
}

const at = (text: string, v: StringValue | undefined) => (v ? text.slice(v.range.start, v.range.end) : undefined);

/** The trust policy of the only role of a YAML template whose trust statement has this Principal line. */
/** A YAML template whose one role trusts `principal` (YAML flow text) for AssumeRoleWithWebIdentity. */
function templateTrustText(principal: string): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Account: {Type: String}
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: ${principal}
            Action: ${WEB_IDENTITY}
`;
}

function templateTrust(principal: string): PolicyDocument {
  const analysis = analyzeTemplate(templateTrustText(principal), catalog, { format: 'yaml' });
  assert.ok(analysis?.model.roles[0]?.trust);
  return analysis.model.roles[0].trust.policy;
}

describe('the typed principal of a statement', () => {
  test('the string form keeps its value and range, with no entries', () => {
    const { text, s } = statementOf({ Principal: '*' });
    assert.equal(s.principal?.kind, 'Principal');
    assert.equal(at(text, s.principal?.stringForm), '"*"');
    assert.deepEqual(s.principal?.entries, []);
    assert.equal(s.principal?.wellFormed, true);
    assert.equal(text.slice(s.principal!.element.keyRange.start, s.principal!.element.keyRange.end), '"Principal"');
  });

  test('the object form lists each type with its range and its values (a string or a list), in source order', () => {
    const { text, s } = statementOf({ Principal: { AWS: ['arn:aws:iam::123456789012:root', 'arn:aws:iam::210987654321:root'], Federated: COGNITO } });
    const entries = s.principal!.entries;
    assert.deepEqual(
      entries.map((e) => [text.slice(e.typeRange.start, e.typeRange.end), e.values.map((v) => at(text, v))]),
      [
        ['"AWS"', ['"arn:aws:iam::123456789012:root"', '"arn:aws:iam::210987654321:root"']],
        ['"Federated"', [`"${COGNITO}"`]],
      ],
    );
    assert.equal(s.principal!.stringForm, undefined);
    assert.equal(s.principal!.wellFormed, true);
  });

  test('NotPrincipal is the principal when there is no Principal; with both, Principal is', () => {
    assert.equal(statementOf({ NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }).s.principal?.kind, 'NotPrincipal');
    assert.equal(statementOf({ Principal: { Federated: COGNITO }, NotPrincipal: { AWS: '*' } }).s.principal?.kind, 'Principal');
    assert.equal(statementOf({}).s.principal, undefined);
  });

  test('a value that is neither a string nor an object, or a type whose value is not strings (or account-ID numbers), is not well formed', () => {
    assert.equal(statementOf({ Principal: ['*'] }).s.principal?.wellFormed, false);
    assert.equal(statementOf({ Principal: { AWS: { nested: true } } }).s.principal?.wellFormed, false);
    const s = statementOf({ Principal: { Federated: [COGNITO, true] } }).s;
    assert.equal(s.principal?.wellFormed, false);
    assert.deepEqual(
      s.principal?.entries[0].values.map((v) => v.value),
      [COGNITO],
    );
  });

  test('a template value keeps its intrinsic function (not exact), beside the literal ones', () => {
    const trust = templateTrust(`{AWS: !Sub 'arn:aws:iam::\${Account}:root', Federated: ${COGNITO}}`);
    const [aws, federated] = trust.statements[0].principal!.entries;
    assert.equal(aws.values[0].intrinsic?.fn, 'Fn::Sub');
    assert.equal(aws.values[0].intrinsic?.exact, false);
    assert.deepEqual(aws.values[0].intrinsic?.refs, ['Account']);
    assert.equal(federated.values[0].intrinsic, undefined);
    assert.equal(trust.text.slice(federated.values[0].range.start, federated.values[0].range.end), COGNITO);
  });
});

describe('trustsIdentityPools', () => {
  const trusts = (principal: Record<string, unknown>) => trustsIdentityPools(statementOf(principal).s);

  test('an account ID written as a number (unquoted YAML) is a value, not a malformed principal', () => {
    assert.equal(trusts({ Principal: { AWS: 123456789012, Federated: COGNITO } }), true);
    assert.equal(trusts({ Principal: { AWS: [123456789012, 'arn:aws:iam::210987654321:root'] } }), false);
    assert.deepEqual(poolTrustOf(statementOf({ Principal: { AWS: 123456789012 } }).s), { trusts: false });
  });

  test('the Cognito federated principal, in any partition spelling and among others: yes, via that value', () => {
    assert.equal(trusts({ Principal: { Federated: COGNITO } }), true);
    assert.equal(trusts({ Principal: { Federated: 'cognito-identity.amazonaws.com.cn' } }), true);
    const { text, s } = statementOf({ Principal: { AWS: 'arn:aws:iam::123456789012:root', Federated: ['accounts.google.com', COGNITO] } });
    assert.equal(at(text, poolTrustOf(s).via), `"${COGNITO}"`);
    assert.equal(at(text, namedCognitoPrincipal(s.principal)), `"${COGNITO}"`);
  });

  test('"Principal": "*" (every principal) and {"Federated": "*"} (every web identity provider): yes', () => {
    assert.equal(trusts({ Principal: '*' }), true);
    assert.equal(trusts({ Principal: { Federated: '*' } }), true);
    assert.equal(namedCognitoPrincipal(statementOf({ Principal: '*' }).s.principal), undefined);
  });

  test('{"AWS": "*"}: unknown (AWS does not document whether web identities pass it), and says why', () => {
    assert.deepEqual(poolTrustOf(statementOf({ Principal: { AWS: '*' } }).s), {
      trusts: undefined,
      unsure: 'whether {"AWS": "*"} admits web identities is not documented',
    });
    assert.equal(trusts({ Principal: { AWS: ['arn:aws:iam::123456789012:root', '*'], Federated: COGNITO } }), true);
  });

  test('{"Service": "*"}, other providers, no Principal: no', () => {
    assert.equal(trusts({ Principal: { Service: '*' } }), false);
    assert.equal(trusts({ Principal: { Federated: 'accounts.google.com' } }), false);
    assert.equal(trusts({ Principal: { Federated: 'cognito-identity.amazon.com' } }), false);
    assert.equal(trusts({}), false);
  });

  test('NotPrincipal, whatever it lists: no answer, IAM rejects it in a role trust policy', () => {
    for (const listed of [COGNITO, 'accounts.google.com']) {
      const s = statementOf({ NotPrincipal: { Federated: listed } }).s;
      assert.deepEqual(poolTrustOf(s), { trusts: undefined, rejected: 'a role trust policy cannot have NotPrincipal' });
    }
    assert.deepEqual(poolTrustOf(statementOf({ Principal: { Federated: COGNITO }, NotPrincipal: { AWS: '*' } }).s), {
      trusts: undefined,
      rejected: 'it has both Principal and NotPrincipal',
    });
  });

  test('a malformed Principal or a string other than "*": rejected', () => {
    assert.deepEqual(poolTrustOf(statementOf({ Principal: ['*'] }).s), {
      trusts: undefined,
      rejected: 'its Principal is neither "*" nor an object of principal types',
    });
    assert.deepEqual(poolTrustOf(statementOf({ Principal: COGNITO }).s), { trusts: false, rejected: 'its Principal is a string other than "*"' });
  });

  test('a value the template leaves open: unknown, unless a literal value already trusts identity pools', () => {
    assert.equal(trustsIdentityPools(templateTrust(`{AWS: !Sub 'arn:aws:iam::\${Account}:root'}`).statements[0]), undefined);
    assert.equal(trustsIdentityPools(templateTrust(`{AWS: !Sub 'arn:aws:iam::\${Account}:root', Federated: ${COGNITO}}`).statements[0]), true);
    assert.equal(trustsIdentityPools(templateTrust(`!Ref Account`).statements[0]), undefined);
  });

  test('letsIdentityPoolsAssume: an Allow statement that trusts them with AssumeRoleWithWebIdentity', () => {
    const doc = (statement: Record<string, unknown>) => parsePolicy(policy([{ Effect: 'Allow', ...statement }]));
    assert.equal(letsIdentityPoolsAssume(doc({ Principal: { Federated: COGNITO }, Action: WEB_IDENTITY })), true);
    assert.equal(letsIdentityPoolsAssume(doc({ Principal: { Federated: '*' }, Action: 'sts:AssumeRole*' })), true);
    assert.equal(letsIdentityPoolsAssume(doc({ Principal: '*', Action: 'sts:AssumeRole' })), false);
    assert.equal(letsIdentityPoolsAssume(doc({ Principal: { AWS: '*' }, Action: WEB_IDENTITY })), false);
    assert.equal(letsIdentityPoolsAssume(parsePolicy(policy([{ Effect: 'Deny', Principal: { Federated: COGNITO }, Action: WEB_IDENTITY }]))), false);
  });
});

describe('callers whose answer changed', () => {
  test('completion: a statement with "Principal": "*" (a resource policy) offers the Cognito keys first', () => {
    const { doc, offset } = parsed(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": { | }}}]}',
    );
    assert.equal(doc.kind, 'resource');
    const first = complete(doc, offset, catalog)
      .sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0))
      .slice(0, 3)
      .map((i) => i.label);
    assert.deepEqual(first, [`${COGNITO}:aud`, `${COGNITO}:amr`, `${COGNITO}:sub`]);
  });

  const trustDecision = (statement: Record<string, unknown>) => {
    const result = evaluateRequest({
      policies: [{ name: 'perm.json', document: parsePolicy(policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])) }],
      trust: { name: 'trust.json', document: parsePolicy(policy([{ Sid: 'T', ...statement }])) },
      identity: { kind: 'authenticated', identityId: 'us-east-1:aaaaaaaa-1111-2222-3333-444444444444', poolId: POOL_ID },
      request: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
    });
    return {
      decision: result.trust?.decision,
      reasons: result.trust?.reasons,
      ...(result.trust?.uncertain !== undefined && { uncertain: result.trust.uncertain }),
    };
  };

  test('the evaluator: a NotPrincipal trust statement is ignored, IAM rejects it (it used to apply to every unlisted principal)', () => {
    assert.deepEqual(trustDecision({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: WEB_IDENTITY }), {
      decision: 'denied',
      reasons: [
        `No statement of trust.json lets this identity call ${WEB_IDENTITY}: STS refuses ("Not authorized to perform ${WEB_IDENTITY}").`,
        'Statement "T" in trust.json is ignored: a role trust policy cannot have NotPrincipal (IAM rejects the policy).',
      ],
    });
  });

  test('the evaluator: a {"AWS": "*"} Allow is ignored with the reason and makes the denial uncertain (it used to let identity pools in); "*" still does', () => {
    const ignored = 'Statement "T" in trust.json is ignored: whether {"AWS": "*"} admits web identities is not documented.';
    assert.deepEqual(trustDecision({ Effect: 'Allow', Principal: { AWS: '*' }, Action: WEB_IDENTITY }), {
      decision: 'denied',
      reasons: [`No statement of trust.json lets this identity call ${WEB_IDENTITY}: STS refuses ("Not authorized to perform ${WEB_IDENTITY}").`, ignored],
      uncertain: ignored,
    });
    assert.equal(trustDecision({ Effect: 'Allow', Principal: '*', Action: WEB_IDENTITY }).decision, 'allowed');
  });

  test('the evaluator: an unjudged statement that could not have allowed (a Deny, another action) leaves the denial certain', () => {
    assert.equal(trustDecision({ Effect: 'Deny', Principal: { AWS: '*' }, Action: WEB_IDENTITY }).uncertain, undefined);
    assert.equal(trustDecision({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }).uncertain, undefined);
  });

  test('the trust checks: Cognito keys under {"Service": "*"} are trust-principal-mismatch (they were left alone); under {"AWS": "*"} silent (unknown)', () => {
    const condition = { StringEquals: { [`${COGNITO}:aud`]: POOL_ID } };
    const service = policy([{ Effect: 'Allow', Principal: { Service: '*' }, Action: WEB_IDENTITY, Condition: condition }]);
    assert.deepEqual(
      summary(service).filter((s) => s.startsWith('trust-')),
      ['trust-principal-mismatch: "Service"'],
    );
    const message = analyzePolicy(service, catalog).findings.find((f) => f.ruleId === 'trust-principal-mismatch')?.message;
    assert.equal(
      message,
      `"${COGNITO}:aud" is an identity-pool key, but this statement trusts {"Service": "*"}: only sessions of the federated principal "${COGNITO}" carry it, so the condition never holds as intended. Trust "Principal": {"Federated": "${COGNITO}"} with "${WEB_IDENTITY}", or remove the Cognito condition.`,
    );
    const anyAws = policy([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: WEB_IDENTITY, Condition: condition }]);
    assert.deepEqual(
      summary(anyAws).filter((s) => s.startsWith('trust-')),
      [],
    );
    const federatedAny = policy([{ Effect: 'Allow', Principal: { Federated: '*' }, Action: WEB_IDENTITY, Condition: condition }]);
    assert.deepEqual(
      summary(federatedAny).filter((s) => s.startsWith('trust-')),
      [],
    );
  });

  test('the trust checks: a Cognito principal beside a template value is judged (it was skipped)', () => {
    const text = templateTrustText(`{AWS: !Sub 'arn:aws:iam::\${Account}:root', Federated: ${COGNITO}}`);
    const findings = analyzeTemplate(text, catalog, { format: 'yaml' })!.findings.filter((f) => f.ruleId.startsWith('trust-'));
    assert.deepEqual(
      findings.map((f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)}`),
      [`trust-missing-aud: ${COGNITO}`, `trust-missing-amr: ${COGNITO}`],
    );
  });

  /** One role with this trust policy, attached as this kind by a settings-like attachment. */
  function workspace(trustStatement: Record<string, unknown>, as?: 'authenticated' | 'unauthenticated'): RoleWorkspace {
    const text = policy([trustStatement]);
    const trust = { document: 'trust.json', range: { start: 0, end: text.length }, policy: parsePolicy(text), name: 'trust.json' };
    const at = { document: 'settings.json', range: { start: 0, end: 1 } };
    return {
      roles: [{ id: 'r', document: 'trust.json', range: { start: 0, end: 1 }, trust, permissions: [], names: [] }],
      pools: [],
      attachments: as
        ? [{ id: 'a', ...at, pool: { ...at, poolId: POOL_ID, text: POOL_ID }, roles: [{ as, role: { ...at, roleId: 'r', text: 'r' } }], mappings: [] }]
        : [],
    };
  }

  test('the role rules: a "*" trust statement is judged like a Cognito one (amr), no longer waved through', () => {
    const ws = workspace(
      { Effect: 'Allow', Principal: '*', Action: WEB_IDENTITY, Condition: { 'ForAnyValue:StringLike': { [`${COGNITO}:amr`]: 'authenticated' } } },
      'unauthenticated',
    );
    assert.deepEqual(
      analyzeRoles(ws).map((r) => r.finding.ruleId),
      ['role-kind-mismatch'],
    );
  });

  test('the role model: a trust policy of {"Federated": "*"} is an identity-pool role; "*" with only sts:AssumeRole is not', () => {
    assert.deepEqual(identityPoolContextForRoles(workspace({ Effect: 'Allow', Principal: { Federated: '*' }, Action: WEB_IDENTITY }), ['r']), {});
    assert.equal(identityPoolContextForRoles(workspace({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }), ['r']), undefined);
  });
});
