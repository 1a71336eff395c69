/**
 * The flow panel's model over a whole identity pool (core/flow/poolFlow.ts): the identity's inputs and their
 * defaults, the pool's view (rules, principal tags) and what the sequence and the verdict say. The role
 * resolution itself is resolveRole's (test/unit/resolveRole.test.ts); this is what the panel makes of it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPoolFlowModel, readRoleModel, type FlowInputs, type FlowModel } from '../../server/src/core';
import { CLIENT, ISS, SUB, USER_POOL, jwtOf, poolTemplate } from './poolCases';

const NOW = new Date('2026-06-01T12:00:00Z');

function modelOf(text: string, inputs: FlowInputs): FlowModel {
  const read = readRoleModel({ text, id: 'pool.yaml', fileName: 'pool.yaml' });
  return buildPoolFlowModel({ workspace: read.roles!, text: (id) => (id === 'pool.yaml' ? text : undefined), name: (id) => id }, inputs, { now: NOW });
}

const TOKEN = jwtOf({ iss: ISS, aud: CLIENT, sub: SUB });

describe('the flow panel over a whole pool (core)', () => {
  test('a guest by default where the pool lets guests in, with the origin of that default', () => {
    const m = modelOf(poolTemplate({ guests: true }).text, {});
    assert.deepEqual([m.inputs.signIn, m.origins.signIn], ['guest', 'the pool does not turn guest access off']);
    assert.deepEqual(m.pool!.role && [m.pool!.role.id, m.pool!.role.by], ['GuestRole', 'default']);
  });

  test('UseDefaults: a row per default tag, with the claim it comes from (the knowledge module) and its value', () => {
    const text = poolTemplate({ principalTags: `      IdentityProviderName: ${USER_POOL}\n      UseDefaults: true\n`, tagSession: true }).text;
    const m = modelOf(text, { signIn: 'token', token: TOKEN });
    assert.deepEqual(
      m.pool!.tags.map((t) => [t.key, t.claim, t.value]),
      [
        ['username', 'sub', SUB],
        ['client', 'aud', CLIENT],
      ],
    );
    const sts = m.steps.find((s) => s.kind === 'call' && s.to === 'sts');
    assert.equal(sts?.kind === 'call' && sts.detail, `role AuthRole; session tags username=${SUB}, client=${CLIENT}`);
  });

  test('a pool name that is not one of the document is a problem of the pool field; the first pool is used', () => {
    const m = modelOf(poolTemplate({ guests: true }).text, { pool: 'Elsewhere' });
    assert.deepEqual(
      m.problems.filter((p) => p.input === 'pool'),
      [{ input: 'pool', message: '"Elsewhere" is not an identity pool of this document: IdentityPool.' }],
    );
    assert.equal(m.pool!.pool, 'IdentityPool');
  });

  test('a guest role whose only policy is not read here (an AWS managed policy): the verdict says so, not "give an action"', () => {
    const text = poolTemplate({ guests: true }).text.replace(
      /( {2}GuestRole:\n[\s\S]*?) {6}Policies:\n {8}- PolicyName: GuestRolePolicy\n {10}PolicyDocument:\n {12}Version: '2012-10-17'\n {12}Statement:\n(?: {14}.*\n)+/,
      '$1      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonPollyFullAccess]\n',
    );
    assert.ok(text.includes('AmazonPollyFullAccess') && !text.includes('GuestRolePolicy'));
    const m = modelOf(text, { action: 'polly:SynthesizeSpeech', resource: '*' });
    const why = 'role "GuestRole" also has the managed policy arn:aws:iam::aws:policy/AmazonPollyFullAccess, not read here: it may allow or deny the request.';
    assert.equal(
      m.summary,
      `A guest gets role GuestRole (default role); the role's policies are not read here (the managed policy arn:aws:iam::aws:policy/AmazonPollyFullAccess): what the credentials may do cannot be told. As far as can be told: ${why}`,
    );
  });

  test('the trust policy refuses: the verdict names the condition that failed', () => {
    // The unauthenticated role's trust admits only guests: a signed-in identity given it by the basic flow's app is refused.
    const m = modelOf(poolTemplate({ guests: true, classic: true }).text, { signIn: 'token', token: TOKEN, flow: 'basic', role: 'GuestRole' });
    assert.equal(m.trust.status, 'denied');
    assert.equal(
      m.summary,
      `An identity signed in through ${USER_POOL} gets no credentials: the trust policy of role GuestRole (named by the app) refuses it (it requires amr ForAnyValue:StringLike unauthenticated).`,
    );
  });
});
