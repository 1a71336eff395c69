/**
 * The evaluator (core/evaluate): the shared table of cases (evaluateCases.ts, also run through the CLI by
 * test/integration/simulate.test.ts), then what only the core API shows: exact statement ranges, the
 * identity's context keys, malformed documents, literal wildcards (the value parsers: conditionValueFormats.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateRequest, identityContexts, parsePolicy, RequestContext, type EvaluationInput, type NamedPolicy } from '../../server/src/core';
import { matchesPattern, resolvePolicyString } from '../../server/src/core/evaluate/substitute';
import { CASES, ME, POOL, type EvaluateCase, type PolicyFile } from './evaluateCases';

const named = (p: PolicyFile): NamedPolicy => ({ name: p.file, document: parsePolicy(p.text) });

function inputOf(c: EvaluateCase): EvaluationInput {
  return {
    policies: c.policies.map(named),
    trust: c.trust ? named(c.trust) : undefined,
    identity: { ...c.identity, identityId: c.identityId, poolId: c.poolId },
    flow: c.flow,
    request: { action: c.action, resource: c.resource, context: c.context },
    now: new Date(),
  };
}

describe('the evaluator table', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const result = evaluateRequest(inputOf(c));
      const reasons = [...(result.trust?.reasons ?? []), ...result.reasons];
      assert.equal(result.decision, c.decision, reasons.join('\n'));
      assert.deepEqual(
        result.statements.map((s) => s.sid),
        c.sids,
      );
      assert.equal(result.trust?.decision ?? null, c.trustDecision ?? null, reasons.join('\n'));
      if (c.reason)
        assert.ok(
          reasons.some((r) => r.includes(c.reason!)),
          `no reason contains ${JSON.stringify(c.reason)}:\n${reasons.join('\n')}`,
        );
    });
  }
});

const policyText = (statements: unknown, version = '2012-10-17') => JSON.stringify({ Version: version, Statement: statements }, null, 2);
const evaluate = (texts: Record<string, string>, request: EvaluationInput['request'], extra: Partial<EvaluationInput> = {}) =>
  evaluateRequest({
    policies: Object.entries(texts).map(([name, text]) => ({ name, document: parsePolicy(text) })),
    identity: { kind: 'authenticated', identityId: ME, poolId: POOL },
    request,
    ...extra,
  });

describe('deciding statements', () => {
  test('each carries its file, Sid, index and the exact range of the statement object', () => {
    const text = policyText([
      { Sid: 'Other', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
      { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
    ]);
    const result = evaluate({ 'p.json': text }, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' });
    assert.equal(result.statements.length, 1);
    const s = result.statements[0];
    assert.deepEqual({ file: s.file, sid: s.sid, index: s.index }, { file: 'p.json', sid: 'Read', index: 1 });
    assert.equal(
      text.slice(s.range.start, s.range.end),
      JSON.stringify({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, null, 2).replace(/\n/g, '\n    '),
    );
  });

  test('every applying Allow of every policy is listed, in policy order; a statement without Sid has none', () => {
    const result = evaluate(
      {
        'a.json': policyText([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]),
        'b.json': policyText([{ Sid: 'Objects', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]),
      },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
    );
    assert.deepEqual(
      result.statements.map((s) => [s.file, s.sid, s.index]),
      [
        ['a.json', undefined, 0],
        ['b.json', 'Objects', 0],
      ],
    );
    assert.equal(result.reasons[0], 'Statement 1 in a.json allows s3:GetObject on arn:aws:s3:::b/k.');
  });
});

describe('malformed input is reported, never thrown', () => {
  const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
  test('a document with a JSON syntax error is evaluated as far as it was read', () => {
    const result = evaluate(
      { 'broken.json': '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",}]}' },
      request,
    );
    assert.equal(result.decision, 'allowed');
  });

  test('a statement with both Action and NotAction, or a Condition that is not an object, grants nothing and says why', () => {
    const result = evaluate(
      {
        'bad.json': policyText([
          { Sid: 'Both', Effect: 'Allow', Action: 's3:*', NotAction: 'iam:*', Resource: '*' },
          { Sid: 'CondList', Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: ['x'] },
          { Sid: 'NoResource', Effect: 'Allow', Action: 's3:*' },
        ]),
      },
      request,
    );
    assert.equal(result.decision, 'implicit-deny');
    assert.deepEqual(result.reasons, [
      'No statement allows s3:GetObject on arn:aws:s3:::b/k → implicit deny.',
      'Statement "CondList" in bad.json would allow s3:GetObject on arn:aws:s3:::b/k, but its Condition is not an object (IAM rejects the policy).',
      'Statement "Both" in bad.json is ignored: it has both Action and NotAction (IAM rejects the policy).',
      'Statement "NoResource" in bad.json is ignored: it has neither Resource nor NotResource (IAM rejects the policy).',
    ]);
  });

  test('a condition value that is an object matches nothing, and the reason says so', () => {
    const result = evaluate(
      {
        'p.json': policyText([
          { Sid: 'Obj', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': { name: 'blue' } } } },
        ]),
      },
      { ...request, context: { 'aws:PrincipalTag/team': 'blue' } },
    );
    assert.equal(result.decision, 'implicit-deny');
    assert.equal(
      result.reasons[1],
      'Statement "Obj" in p.json would allow s3:GetObject on arn:aws:s3:::b/k, but condition StringEquals aws:PrincipalTag/team failed: the request has "blue" and the policy wants (an object, array or null); the policy value (an object, array or null) matches nothing: condition values are strings, numbers or booleans.',
    );
  });

  test('a request that names no single action is an implicit deny with the problem as the reason', () => {
    const result = evaluate({ 'p.json': policyText([{ Effect: 'Allow', Action: '*', Resource: '*' }]) }, { action: 's3:Get*', resource: '*' });
    assert.equal(result.decision, 'implicit-deny');
    assert.deepEqual(result.reasons, ['The request cannot be evaluated: the action "s3:Get*" has a wildcard: a request names one action.']);
  });

  test('a condition value that is not a number matches nothing, and the reason says so', () => {
    const result = evaluate(
      {
        'p.json': policyText([
          { Sid: 'Few', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { NumericLessThan: { 's3:max-keys': 'ten' } } },
        ]),
      },
      { action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context: { 's3:max-keys': '5' } },
    );
    assert.equal(result.decision, 'implicit-deny');
    assert.equal(
      result.reasons[1],
      'Statement "Few" in p.json would allow s3:ListBucket on arn:aws:s3:::b, but condition NumericLessThan s3:max-keys failed: the request has "5" and the policy wants "ten"; the policy value "ten" matches nothing: it is not a number.',
    );
  });
});

describe('the context of an identity-pool identity', () => {
  test('a guest: aud, sub, amr ["unauthenticated"] in trust and session; the session adds the federated provider and principal type', () => {
    const now = new Date(Date.UTC(2026, 0, 31, 23, 59, 59, 500));
    const contexts = identityContexts({ kind: 'guest', identityId: ME, poolId: POOL }, now);
    const time = { 'aws:CurrentTime': '2026-01-31T23:59:59Z', 'aws:EpochTime': '1769903999' };
    const cognito = {
      'cognito-identity.amazonaws.com:amr': ['unauthenticated'],
      'cognito-identity.amazonaws.com:aud': POOL,
      'cognito-identity.amazonaws.com:sub': ME,
    };
    assert.deepEqual(contexts.trust, { ...cognito, ...time });
    assert.deepEqual(contexts.session, {
      ...cognito,
      ...time,
      'aws:FederatedProvider': 'cognito-identity.amazonaws.com',
      'aws:PrincipalType': 'AssumedRole',
      'aws:TokenIssueTime': '2026-01-31T23:59:59Z',
    });
  });

  test('a signed-in identity has amr ["authenticated", provider]; no pool or identity ID means no aud or sub', () => {
    const contexts = identityContexts({ kind: 'authenticated', provider: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123' });
    assert.deepEqual(contexts.trust, { 'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123'] });
  });

  test("without a pool ID the trust call has no aud, and StringEquals on aud fails (the CLI defaults it to the trust policy's aud)", () => {
    const trust = policyText([
      {
        Sid: 'Guests',
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
        },
      },
    ]);
    const policy = policyText([{ Sid: 'Speech', Effect: 'Allow', Action: 'polly:SynthesizeSpeech', Resource: '*' }]);
    const result = evaluateRequest({
      policies: [{ name: 'guest.json', document: parsePolicy(policy) }],
      trust: { name: 'trust.json', document: parsePolicy(trust) },
      identity: { kind: 'guest', identityId: ME },
      request: { action: 'polly:SynthesizeSpeech', resource: '*' },
    });
    assert.equal(result.trust?.decision, 'denied');
    assert.ok(
      result.trust?.reasons.some((r) => r.includes('the request has no cognito-identity.amazonaws.com:aud')),
      result.trust?.reasons.join('\n'),
    );
  });

  test('request context keys replace the identity keys of the same name in any case', () => {
    const ctx = new RequestContext({ 'aws:PrincipalType': 'AssumedRole' }, { 'AWS:principaltype': 'User' });
    assert.deepEqual(ctx.get('aws:PrincipalType'), { key: 'AWS:principaltype', values: ['User'], multiValued: false });
    assert.equal(new RequestContext({ 'aws:TagKeys': [] }).get('aws:TagKeys'), undefined);
  });
});

describe('values and patterns', () => {
  test('a literal * from ${*} or a substituted value matches only "*"; a written * matches anything', () => {
    const ctx = new RequestContext({ 'aws:PrincipalTag/p': 'a*' });
    const r = resolvePolicyString('x/${aws:PrincipalTag/p}/${*}/*', ctx, { variables: true, wildcards: true });
    assert.ok(r.ok);
    assert.deepEqual(r.parts, [{ literal: 'x/a*/*/' }, { wildcard: '*' }]);
    assert.equal(matchesPattern(r.parts, 'x/a*/*/anything'), true);
    assert.equal(matchesPattern(r.parts, 'x/ab/*/anything'), false);
    assert.equal(matchesPattern(r.parts, 'x/a*/b/anything'), false);
    // The encoding avoids code points the strings already hold.
    assert.equal(matchesPattern(r.parts, 'x/a*/*/\uFDD0\uFDD1'), true);
  });

  test('a malformed variable is literal text with a problem to report', () => {
    const r = resolvePolicyString('a/${aws:username', new RequestContext({ 'aws:username': 'bob' }), { variables: true, wildcards: true });
    assert.ok(r.ok);
    assert.equal(r.text, 'a/${aws:username');
    assert.deepEqual(r.problems, [
      'the policy variable "${aws:username" is not terminated: add the closing "}" (IAM rejects the policy); read here as literal text',
    ]);
  });
});
