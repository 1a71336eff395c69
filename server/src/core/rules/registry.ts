/**
 * The rule registry: the one list of every diagnostic the analyser can produce. Each rule has a
 * stable kebab-case id (the LSP `code`), a default severity and the text of its README entry.
 * `npm run docs` (scripts/generate-docs.mjs) writes the README rules table and the `cognitoPool.rules`
 * settings of package.json from this list; a unit test fails when they are stale.
 *
 * Severities: error = IAM rejects it, or it can never work as written; warning = a likely mistake
 * or a security risk; information = advice.
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export type RuleFamily = 'structure' | 'actions' | 'resources' | 'conditions' | 'variables' | 'broad-grants' | 'identity-pool' | 'roles' | 'limits';

/** How the README rules table names each family. */
export const FAMILY_TITLES: Readonly<Record<RuleFamily, string>> = {
  structure: 'Structure',
  actions: 'Actions',
  resources: 'Resources',
  conditions: 'Conditions',
  variables: 'Policy variables',
  'broad-grants': 'Broad grants',
  'identity-pool': 'Identity pool',
  roles: 'Roles',
  limits: 'Limits',
};

export interface RuleInfo {
  readonly id: string;
  readonly family: RuleFamily;
  readonly defaultSeverity: Severity;
  /** One line for the README table and the rule's setting in package.json: what the rule finds. */
  readonly summary: string;
  /** A short example that fires the rule (README). */
  readonly example: string;
}

const rule = (id: string, family: RuleFamily, defaultSeverity: Severity, summary: string, example: string): RuleInfo => ({
  id,
  family,
  defaultSeverity,
  summary,
  example,
});

// One rule a line: the registry reads as the README table it generates.
// prettier-ignore
export const RULES: readonly RuleInfo[] = [
  // Structure
  rule('json-syntax', 'structure', 'error', 'The document is not valid JSON (IAM accepts strict JSON only: no trailing commas, no comments). One finding per mistake, on the offending character; a policy copied out of code (escaped quotes, or one JSON string) gets one finding that says so.', '`"Effect": "Allow",}`'),
  rule('yaml-syntax', 'structure', 'error', 'A YAML CloudFormation template that does not parse: CloudFormation cannot read it (its policies are checked once it parses). A warning, with every check run on the template as CloudFormation reads it, for YAML that CloudFormation reads and strict YAML 1.2 parsers reject: a multi-line quoted string, or a flow collection (`[...]`, `{...}`), with a line indented no deeper than its key.', '`Action: [s3:GetObject` without the closing `]`'),
  rule('duplicate-key', 'structure', 'error', 'The same key twice in one object: IAM rejects the policy.', '`"Effect": "Allow", "Effect": "Deny"`'),
  rule('unknown-element', 'structure', 'error', 'An element IAM does not know, with the closest valid name.', '`"Actions": "s3:GetObject"` (did you mean `Action`?)'),
  rule('missing-element', 'structure', 'error', 'A required element is missing: Statement, Effect, Action/NotAction, Resource/NotResource (identity policies), Principal (trust and resource policies).', 'a statement without `Effect`'),
  rule('conflicting-elements', 'structure', 'error', 'Both elements of a pair that excludes each other.', '`Action` and `NotAction` in one statement'),
  rule('element-not-allowed', 'structure', 'error', 'An element that this kind of policy must not have.', '`Resource` in a role trust policy'),
  rule('invalid-value', 'structure', 'error', 'A value of the wrong type or outside the allowed values, or an empty array.', '`"Effect": "allow"`, `"Action": []`'),
  rule('statement-not-policy', 'structure', 'error', 'A document that is one bare statement (`Effect`, `Action`, `Principal`, ... with no `Version`/`Statement`), as tutorials print them: IAM needs the policy around it. It is checked as the statement it is; the quick fix wraps it.', '`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}` saved as a file'),
  rule('missing-version', 'structure', 'warning', 'No `Version`: IAM assumes 2008-10-17, where policy variables are literal text.', 'a policy without `"Version": "2012-10-17"`'),
  rule('old-version', 'structure', 'information', '`Version` 2008-10-17: policy variables and newer features do not work.', '`"Version": "2008-10-17"`'),
  rule('duplicate-sid', 'structure', 'error', 'Two statements with the same `Sid`: IAM rejects the policy.', 'two statements with `"Sid": "ReadOwnFolder"`'),
  rule('invalid-sid', 'structure', 'error', 'A `Sid` with characters IAM does not accept in identity and trust policies (only A-Z, a-z, 0-9).', '`"Sid": "read own folder"`'),
  rule('unused-suppression', 'structure', 'warning', 'A `cognito-pool-lint-disable-next-line RULE -- reason` comment (YAML, Terraform) that suppresses nothing: no finding of that rule starts on the next line, or no rule has that id. Remove it. (Strict-JSON policies have no comments: turn rules off per path in the config file.)', '`# cognito-pool-lint-disable-next-line missing-version` above a line without that finding'),
  // Actions
  rule('invalid-action-format', 'actions', 'error', 'An action that is not `*` or `service:action`.', '`"Action": "s3-GetObject"`'),
  rule('unknown-service', 'actions', 'warning', 'A service prefix that the IAM catalog does not know (IAM accepts it; it grants nothing).', '`"Action": "s4:GetObject"`'),
  rule('unknown-action', 'actions', 'warning', 'An action the service does not have, with the closest real action.', '`"Action": "s3:GetObjects"` (did you mean `s3:GetObject`?)'),
  rule('action-wildcard-matches-nothing', 'actions', 'warning', 'An action wildcard that matches no action of the service.', '`"Action": "s3:Gett*"`'),
  // Resources
  rule('invalid-arn', 'resources', 'error', 'A resource that is neither `*` nor a well-formed ARN.', '`"Resource": "my-bucket/*"`'),
  rule('resource-mismatch', 'resources', 'error', 'An action whose resource types match none of the statement\'s resources. Error when no action can match (the statement grants nothing), warning when only some cannot.', '`s3:ListBucket` on `arn:aws:s3:::bucket/prefix/*`'),
  rule('action-needs-star-resource', 'resources', 'error', 'An `Allow` of an action that supports only `"Resource": "*"` (no resource types in the IAM catalog), named in full, in a statement whose resources are all ARNs of other services: the statement does not grant it. Error when no action of the statement is granted, warning when only some are not. Not judged where the catalog is unsure: on ARNs of the action\'s own service, for services with no resource types, for wildcard actions, with `NotResource` or `*`, and where a template leaves the service open.', '`"Action": ["s3:PutObject", "rekognition:DetectLabels"], "Resource": "arn:aws:s3:::photos/*"`'),
  // Conditions
  rule('unknown-condition-operator', 'conditions', 'error', 'A condition operator IAM does not know, with the closest valid one.', '`"StringEqual": {...}`'),
  rule('unknown-condition-key', 'conditions', 'warning', 'A condition key the IAM catalog does not know.', '`"aws:SourceIP"` is fine (keys are case-insensitive) but `"aws:SrcIp"` is not'),
  rule('condition-key-not-applicable', 'conditions', 'warning', 'A service condition key that no action of the statement supports: the condition never matches.', '`s3:prefix` on `s3:GetObject`'),
  rule('condition-type-mismatch', 'conditions', 'error', 'An operator that cannot compare this key\'s type, or a value that is not a valid Bool, Date (ISO 8601 or epoch seconds, and on the calendar: not `2026-02-30`), IP address or CIDR range, number (an integer or decimal: not `1e3`) or ARN.', '`"NumericLessThan": {"aws:SourceIp": "10"}`, `"Bool": {"aws:SecureTransport": "yes"}`'),
  rule('set-operator-on-single-valued-key', 'conditions', 'warning', '`ForAllValues:`/`ForAnyValue:` on a single-valued key (ForAllValues is then true when the key is absent).', '`"ForAllValues:StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}`'),
  rule('multi-valued-key-operator', 'conditions', 'warning', 'A plain operator on a multi-valued key: use `ForAnyValue:` or `ForAllValues:`.', '`"StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}`'),
  // Policy variables
  rule('variable-missing-dollar', 'variables', 'error', 'A policy variable written without its `$`: it is literal text and never matches.', '`arn:aws:s3:::bucket/{cognito-identity.amazonaws.com:sub}/*`'),
  rule('terraform-unescaped-variable', 'variables', 'error', 'An IAM policy variable written `${...}` in a Terraform file or template: Terraform reads it as an interpolation and rejects the file. Write `$${...}` (or `&{...}` in `aws_iam_policy_document`).', '`"arn:aws:s3:::bucket/${aws:username}/*"` in a heredoc'),
  rule('variable-syntax', 'variables', 'error', 'A malformed policy variable: unterminated, empty, with spaces, or with a bad default.', '`${cognito-identity.amazonaws.com:sub`'),
  rule('unknown-variable', 'variables', 'warning', 'A policy variable that names no known condition key.', '`${cognito-identity.amazonaws.com:id}`'),
  rule('variable-not-allowed-here', 'variables', 'error', 'A policy variable where IAM does not substitute it: Action, Principal, Effect, Sid, the service/region/account of an ARN, non-string operators.', '`"Action": "s3:${aws:username}"`'),
  rule('variable-in-old-version', 'variables', 'error', 'A policy variable in a policy whose Version is 2008-10-17 or missing: the text is literal and never matches.', '`${cognito-identity.amazonaws.com:sub}` without `"Version": "2012-10-17"`'),
  rule('multi-valued-variable', 'variables', 'error', 'A multi-valued key used as a policy variable: IAM cannot substitute it.', '`${cognito-identity.amazonaws.com:amr}`'),
  // Broad grants
  rule('allow-with-not-action', 'broad-grants', 'warning', '`Allow` with `NotAction` grants every other action, including ones AWS adds later.', '`"Effect": "Allow", "NotAction": "iam:*"`'),
  rule('allow-with-not-resource', 'broad-grants', 'warning', '`Allow` with `NotResource` grants the actions on every other resource.', '`"Effect": "Allow", "NotResource": "arn:aws:s3:::private/*"`'),
  rule('allow-all-actions', 'broad-grants', 'warning', '`Allow` of `"Action": "*"`: every action of every service.', '`"Effect": "Allow", "Action": "*"`'),
  // Identity pool (role trust policies)
  rule('trust-action-mismatch', 'identity-pool', 'error', 'An action the identity-pool principal `cognito-identity.amazonaws.com` never performs: it only calls `sts:AssumeRoleWithWebIdentity` (and `sts:TagSession`).', '`"Federated": "cognito-identity.amazonaws.com"` with `"Action": "sts:AssumeRole"`'),
  rule('trust-principal-mismatch', 'identity-pool', 'error', 'Identity-pool condition keys (`cognito-identity.amazonaws.com:*`) in a statement that does not trust the `cognito-identity.amazonaws.com` federated principal.', '`"Principal": {"Service": "ec2.amazonaws.com"}` with a `cognito-identity.amazonaws.com:aud` condition'),
  rule('web-identity-action-for-service-principal', 'identity-pool', 'error', '`sts:AssumeRoleWithWebIdentity` allowed for a principal of only `Service` or `AWS` entries: services and accounts never call it (a web identity calls it as a `Federated` principal). Error when it is the statement\'s only action, warning beside others.', '`"Principal": {"Service": "lambda.amazonaws.com"}` with `"Action": "sts:AssumeRoleWithWebIdentity"`'),
  rule('federated-principal-outside-trust', 'identity-pool', 'warning', '`{"Federated": "cognito-identity.amazonaws.com"}` as the principal of a resource (or permission) policy statement: identity-pool users act as their role\'s session, so the statement never applies to them.', 'a bucket policy with `"Principal": {"Federated": "cognito-identity.amazonaws.com"}` and `s3:GetObject`'),
  rule('trust-missing-aud', 'identity-pool', 'error', 'A role trusting identity pools without a `cognito-identity.amazonaws.com:aud` condition naming the pool: an identity from another identity pool could assume it.', '`"StringLike": {"cognito-identity.amazonaws.com:aud": "*"}`'),
  rule('trust-aud-format', 'identity-pool', 'error', 'An `aud` value that is not an identity pool ID (`<region>:<guid>`), e.g. a user pool ID, an app client ID or an ARN, in any policy (trust, permission, resource): the condition never matches.', '`"cognito-identity.amazonaws.com:aud": "us-east-1_AbC123"`'),
  rule('trust-missing-amr', 'identity-pool', 'warning', 'A role trusting identity pools without a `cognito-identity.amazonaws.com:amr` condition, or with one that admits both `authenticated` and `unauthenticated` (the same): guests and signed-in users alike can assume it.', 'no `"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}`'),
  rule('trust-amr-value', 'identity-pool', 'warning', 'An `amr` value that is neither `authenticated`/`unauthenticated` nor a provider name, with the closest value (amr values are case-sensitive).', '`"cognito-identity.amazonaws.com:amr": "Authenticated"` (did you mean `authenticated`?)'),
  // Identity pool (permission policies of identity-pool roles)
  rule('variable-never-set', 'identity-pool', 'warning', 'In a policy for identity-pool users (it uses `cognito-identity.amazonaws.com` variables or keys), a key their sessions never carry, such as `aws:username` (IAM users only): the policy never matches for them.', '`"Resource": "arn:aws:s3:::bucket/${aws:username}/*"` next to `${cognito-identity.amazonaws.com:sub}`'),
  rule('shared-identity-data', 'identity-pool', 'information', 'In a policy for identity-pool users, an Allow of S3 object or DynamoDB item actions with no `${cognito-identity.amazonaws.com:sub}` scoping: every identity reaches every other identity\'s data.', '`s3:GetObject` on `arn:aws:s3:::bucket/*` beside a statement scoped with `${cognito-identity.amazonaws.com:sub}`'),
  rule('listbucket-not-scoped-per-identity', 'identity-pool', 'warning', 'In a policy whose S3 object ARNs are scoped by `${cognito-identity.amazonaws.com:sub}`, an Allow of `s3:ListBucket` on the bucket with no `s3:prefix` condition naming a policy variable: every identity lists every other identity\'s keys.', '`s3:ListBucket` on `arn:aws:s3:::bucket` beside `s3:GetObject` on `arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/*`'),
  rule('pool-credential-escalation', 'identity-pool', 'warning', 'In a policy for identity-pool users, an Allow of `iam:PassRole`, `sts:AssumeRole`, IAM write actions, `cognito-identity:SetIdentityPoolRoles` or `cognito-identity:GetOpenIdTokenForDeveloperIdentity` (or a wildcard covering them): pool users could get other credentials.', '`"Action": "iam:PassRole"` beside `${cognito-identity.amazonaws.com:sub}`'),
  rule('pool-users-permissions-management', 'identity-pool', 'warning', 'In a policy for identity-pool users, an Allow of Permissions management actions (the catalog\'s level) or of the deletion of the resource itself (`Delete<type>`) on resources not scoped per identity, naming the worst actions: any identity can open the shared resource to others, lock the others out or delete it.', '`"Action": "s3:*"` on `arn:aws:s3:::bucket` (`s3:DeleteBucket`, `s3:PutBucketPolicy`, ...)'),
  rule('guest-broad-access', 'identity-pool', 'warning', 'Only for the guest role\'s policies (the host\'s word, a role attached as `unauthenticated`, or a role no attachment names whose trust policy admits only guests): Write or Permissions management actions (except those of AWS\'s guest scope-down list), `*`, or `Resource: "*"` on data services, for guests (anyone can get guest credentials).', '`"Action": "s3:PutObject"` for the guest role'),
  rule('guest-outside-scope-down', 'identity-pool', 'information', 'Only for the guest role\'s policies (as `guest-broad-access`): an action outside the enhanced-flow guest session policy (list v4; unverified which list is in force).', '`"Action": "s3:GetObject"` for the guest role'),
  // Roles across documents (templates; the role model)
  rule('role-kind-mismatch', 'roles', 'error', 'A role attached to an identity pool as the unauthenticated (guest) role whose trust policy admits only signed-in identities (`amr`), or the reverse: those identities get no credentials.', '`unauthenticated: !GetAtt AuthRole.Arn` where AuthRole\'s trust requires `"cognito-identity.amazonaws.com:amr": "authenticated"`'),
  rule('aud-pool-mismatch', 'roles', 'error', 'A role whose trust policy\'s `cognito-identity.amazonaws.com:aud` names another identity pool than the one the role is attached to: that pool\'s identities can never assume it.', '`"cognito-identity.amazonaws.com:aud": !Ref OtherPool` on a role attached to `IdentityPool`'),
  rule('cognito-variables-without-cognito-trust', 'roles', 'warning', 'Identity-pool variables or keys in a permission policy of a role whose trust policy does not trust identity pools: its sessions never carry them.', '`${cognito-identity.amazonaws.com:sub}` in a policy of a role assumed by `lambda.amazonaws.com`'),
  rule('principal-tags-without-tag-session', 'roles', 'error', '`aws:PrincipalTag/<key>` (not one of the role\'s own tags) in a permission policy of an identity-pool role whose trust policy does not allow `sts:TagSession`: Cognito cannot pass the session tags.', '`${aws:PrincipalTag/department}` with a trust `Action` of only `sts:AssumeRoleWithWebIdentity`'),
  rule('principal-tag-map-without-tag-session', 'roles', 'error', 'A role that a provider with principal tags configured (`AWS::Cognito::IdentityPoolPrincipalTag`) can get (the default authenticated role, a role-mapping rule\'s role, a user pool group\'s role that a Token mapping hands out) whose trust policy does not allow `sts:TagSession`: every credential request that passes tags fails.', 'a `PrincipalTag` map for the user pool, and the authenticated role\'s trust `Action: sts:AssumeRoleWithWebIdentity`'),
  rule('pool-role-without-pool-trust', 'roles', 'error', 'A role an identity pool hands out (a default role, a role-mapping rule\'s role, or a user pool group\'s role through a Token mapping) whose trust policy does not trust identity pools (`cognito-identity.amazonaws.com` with `sts:AssumeRoleWithWebIdentity`): the identities it is given to get no credentials.', '`authenticated: !GetAtt LambdaRole.Arn` where LambdaRole trusts `lambda.amazonaws.com`'),
  rule('role-mapping-rule-unreachable', 'roles', 'warning', 'A role-mapping rule with the same claim, match type and value as an earlier rule of the mapping: the earlier one always matches first, so this one is never used.', 'two rules `{Claim: custom:dept, MatchType: Equals, Value: sales}` with different roles'),
  rule('role-mapping-rules-limit', 'roles', 'error', 'A role mapping with more than 25 rules for one identity provider: Amazon Cognito rejects it.', 'a `RulesConfiguration` with 26 `Rules`'),
  rule('classic-flow-enabled', 'roles', 'information', 'An identity pool with the basic (classic) flow on: apps choose the role and assume it themselves, and guests get no scope-down policy. AWS recommends the enhanced flow.', '`AllowClassicFlow: true`'),
  rule('guest-access-enabled', 'roles', 'information', 'An identity pool with guest access on, with a summary of what the guest role allows: anyone who knows the pool ID gets it.', '`AllowUnauthenticatedIdentities: true`'),
  // Limits
  rule('document-too-large', 'limits', 'information', 'The document is larger than the analyser\'s limit (IAM\'s own limits are far smaller); it is not analysed.', 'a 5 MB JSON file with a `Statement` key'),
  rule('analysis-limit', 'limits', 'information', 'The document is beyond a bound of the analysis (findings listed, wildcard actions expanded, nesting depth): what lies beyond is not listed or not checked.', 'a policy with 100,000 empty statements'),
  // IAM Access Analyzer's offline checks (issue 14): one group, each row says which of its checks it is
  rule('trust-wildcard-principal', 'structure', 'error', '`"Principal": "*"` in a role trust policy, which does not support it (Access Analyzer: "Role trust policy unsupported wildcard in principal").', '`"Principal": "*"` with `"Action": "sts:AssumeRoleWithWebIdentity"`'),
  rule('trust-not-principal', 'structure', 'error', '`NotPrincipal` in a role trust policy: IAM rejects it (Access Analyzer: "Role trust policy syntax error notprincipal").', '`"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}` with `"Action": "sts:AssumeRole"`'),
  rule('allow-with-not-principal', 'broad-grants', 'warning', '`Allow` with `NotPrincipal` in a resource policy grants every principal not listed, anonymous callers included (Access Analyzer: "Allow with NotPrincipal").', '`"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}`'),
  rule('oidc-principal-without-condition', 'identity-pool', 'warning', 'A web identity provider other than Amazon Cognito (`accounts.google.com`, an `oidc-provider/` ARN) trusted with no condition on its own keys (`<provider>:aud`, `:sub`): any token it issues can assume the role (Access Analyzer: "Missing condition key for oidc principal").', '`"Federated": "accounts.google.com"` with no `accounts.google.com:aud` condition'),
  rule('arn-region-not-allowed', 'resources', 'error', 'A Region in an ARN whose resource type has none (S3 buckets and objects, IAM): the ARN matches nothing (Access Analyzer: "ARN Region not allowed").', '`"Resource": "arn:aws:s3:us-east-1::bucket/*"`'),
  rule('arn-account-not-allowed', 'resources', 'error', 'An account ID in an ARN whose resource type has none (S3 buckets and objects): the ARN matches nothing (Access Analyzer: "ARN account not allowed").', '`"Resource": "arn:aws:s3:::bucket/*"` written `arn:aws:s3::111122223333:bucket/*`'),
  rule('invalid-arn-region', 'resources', 'error', 'An ARN Region part that cannot be a Region name (Access Analyzer: "Invalid ARN Region").', '`arn:aws:dynamodb:us-east:111122223333:table/Notes`'),
  rule('invalid-arn-account', 'resources', 'error', 'An ARN account part that is not a 12-digit account ID (Access Analyzer: "Invalid ARN account").', '`arn:aws:dynamodb:us-east-1:11112222333:table/Notes`'),
  rule('pass-role-on-any-role', 'broad-grants', 'warning', '`Allow` of `iam:PassRole` (or a wildcard covering it) on `*` or every role, with no `iam:PassedToService` condition: the principal can hand any role to any service (Access Analyzer: "Pass role with star in resource").', '`"Action": "iam:PassRole", "Resource": "*"`'),
  rule('policy-size-quota', 'limits', 'warning', 'A policy above IAM\'s size quota, counted without white space: 6,144 characters for a managed policy (10,240 for a role\'s inline policies together), 2,048 for a role trust policy by default (IAM and AWS STS quotas; Access Analyzer: "Policy size exceeds identity/role trust policy quota").', 'a trust policy of 2,100 characters'),
  rule('empty-sid', 'structure', 'information', 'An empty `Sid` (Access Analyzer: "Empty Sid value").', '`"Sid": ""`'),
  rule('empty-condition', 'structure', 'information', 'An empty `Condition` object, which tests nothing (Access Analyzer: "Empty object condition").', '`"Condition": {}`'),
  rule('service-name-wildcard', 'actions', 'information', 'A wildcard in an action\'s service prefix: it takes in every matching service, including those AWS adds later (Access Analyzer: "Wildcard in service name").', '`"Action": "s*:GetObject"`'),
  rule('redundant-action', 'actions', 'information', 'An action another action of the statement already covers, or the same action twice (Access Analyzer: "Redundant action").', '`["s3:GetObject", "s3:Get*"]`'),
  rule('redundant-resource', 'resources', 'information', 'A resource another resource of the statement already covers, or the same one twice (Access Analyzer: "Redundant resource").', '`["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/photos/*"]`'),
  rule('redundant-statement', 'structure', 'information', 'A statement that repeats an earlier one but for its `Sid` (Access Analyzer: "Redundant statement").', 'the same Allow statement twice'),
  rule('redundant-numeric-values', 'conditions', 'information', 'Several values for one key under a Numeric LessThan/GreaterThan operator: any may match, so only the loosest decides (Access Analyzer: "Redundant condition value num").', '`"NumericLessThan": {"s3:max-keys": ["10", "20"]}`'),
  rule('condition-wildcard-without-like', 'conditions', 'warning', 'A `*` or `?` in a value of `StringEquals`/`StringNotEquals` (any prefix or suffix): those operators compare it literally, only the Like operators read wildcards (Access Analyzer: "Wildcard without like operator").', '`"ForAnyValue:StringEquals": {"cognito-identity.amazonaws.com:amr": "auth*"}`'),
  rule('condition-key-case-duplicate', 'conditions', 'error', 'One condition key twice in a block, spelt in different case: key names are case-insensitive, so IAM rejects it (Access Analyzer: "Duplicate keys with different case").', '`"aws:SourceIp": "203.0.113.0/24", "aws:sourceip": "198.51.100.0/24"`'),
  rule('bool-multiple-values', 'conditions', 'error', 'More than one value for a key under `Bool` (Access Analyzer: "Invalid condition multiple Boolean").', '`"Bool": {"aws:SecureTransport": ["true", "false"]}`'),
  rule('private-ip-source', 'conditions', 'error', 'Private ranges (IPv4: RFC 1918, loopback, link-local; IPv6: loopback, unique local `fc00::/7`, link-local `fe80::/10`) in `aws:SourceIp`, which is the public address a request comes from: an error when every value is private (the condition never matches, or always with `NotIpAddress`), information when some are (Access Analyzer: "Private IP address", "Private NotIpAddress", "Private IP address subset").', '`"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}`'),
  rule('ip-range-not-canonical', 'conditions', 'information', 'A CIDR block written with host bits set: IAM reads the network it is in (Access Analyzer: "Improve IP range"). Quick fix.', '`"aws:SourceIp": "203.0.113.7/24"` (is `203.0.113.0/24`)'),
  rule('invalid-identifier-value', 'conditions', 'error', 'A value of `aws:SourceVpc`, `aws:SourceVpce` or `aws:RequestedRegion` that cannot be a VPC ID, a VPC endpoint ID or a Region name (Access Analyzer: "Invalid vpc format", "Invalid vpce format", "Invalid Region").', '`"StringEquals": {"aws:RequestedRegion": "us-east"}`'),
  rule('missing-action-for-condition-key', 'conditions', 'error', 'A session-tag key (`aws:RequestTag/<key>`, `aws:TagKeys`, `sts:TransitiveTagKeys`) in a role trust policy statement whose `Action` lacks `sts:TagSession`: passing the tags needs it, so the request fails (Access Analyzer: "Missing action for condition key").', '`"Action": "sts:AssumeRoleWithWebIdentity"` with `"StringEquals": {"aws:RequestTag/team": "blue"}`'),
  rule('missing-paired-condition-key', 'conditions', 'warning', '`aws:VpcSourceIp` without `aws:SourceVpc` or `aws:SourceVpce` in the statement: the address may be in any VPC of any account (Access Analyzer: "Missing paired condition keys").', '`"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}` alone'),
  rule('tag-key-not-supported', 'conditions', 'information', 'A global tag key (`aws:ResourceTag/<key>`, `aws:RequestTag/<key>`, `aws:TagKeys`) on actions that, in the IAM catalog, never carry it: the condition is decided by the key\'s absence. Warning for a Deny with a plain operator (it does not deny them), information otherwise (Access Analyzer: "Deny/Allow with unsupported tag condition key for service").', '`"Effect": "Deny", "Action": "cognito-identity:GetId"` with `"StringEquals": {"aws:ResourceTag/team": "a"}`'),
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'information', 'warning', 'error'];

export function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value);
}
