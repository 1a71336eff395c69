/**
 * Identity-pool facts, in one place. Every rule and feature that needs to know something about
 * Amazon Cognito identity pools reads it from here. Sources: ../shared/docs/identity-pool-facts.md,
 * the Amazon Cognito Developer Guide and the IAM User Guide (links next to each fact).
 */

/** The federated principal of identity-pool role trust policies. */
export const COGNITO_PRINCIPAL = 'cognito-identity.amazonaws.com';

/**
 * Condition keys and policy variables an identity-pool session carries.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
export const COGNITO_AUD_KEY = 'cognito-identity.amazonaws.com:aud';
export const COGNITO_SUB_KEY = 'cognito-identity.amazonaws.com:sub';
export const COGNITO_AMR_KEY = 'cognito-identity.amazonaws.com:amr';

/** Per-identity scoping variable: resolves to the identity ID `region:guid` (not the user pool's sub). */
export const COGNITO_SUB_VARIABLE = '${' + COGNITO_SUB_KEY + '}';

/**
 * What each identity-pool claim holds in a session, for completion and hover (as condition key and as policy variable).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
export const COGNITO_CLAIM_DOCS: Readonly<Record<string, string>> = {
  aud: 'The identity pool ID (`<region>:<guid>`, e.g. `us-east-1:12345678-1234-1234-1234-123456789012`) the identity belongs to. Trust policies must test it with `StringEquals` so that identities of other pools cannot assume the role.',
  sub: "The identity ID of the caller in the identity pool (`<region>:<guid>`, e.g. `us-east-1:0f5c…`), stable per user and pool. It is **not** the user pool `sub` of the user's ID token. As `${cognito-identity.amazonaws.com:sub}` it scopes data per identity: an S3 prefix, a DynamoDB leading key.",
  amr: 'Authentication methods: `["unauthenticated"]` for guests; `["authenticated", <provider>...]` for signed-in identities, e.g. `graph.facebook.com` or a user pool `cognito-idp.<region>.amazonaws.com/<userPoolId>`. Multi-valued: test it with `ForAnyValue:StringLike`; it cannot be a policy variable.',
};

/**
 * Keys of web identity providers: `<provider-host>:<claim>` (Cognito, Google, Facebook, Amazon, any
 * OIDC issuer) and SAML's `saml:` keys. They exist only for federated sessions and are not tied to
 * the actions of a statement.
 */
export function isWebIdentityKey(key: string): boolean {
  const colon = key.indexOf(':');
  if (colon <= 0) return false;
  const prefix = key.slice(0, colon).toLowerCase();
  return prefix.includes('.') || prefix === 'saml';
}

/** amr values for guests and signed-in identities. https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html */
export const AMR_AUTHENTICATED = 'authenticated';
export const AMR_UNAUTHENTICATED = 'unauthenticated';

/**
 * The China partition's spelling of the principal and its key prefix (shown on the China Regions pages of the
 * Developer Guide; unverified beyond them). Accepted so that a China policy is never called wrong.
 * https://docs.amazonaws.cn/en_us/cognito/latest/developerguide/identity-pools-security-best-practices.html
 */
const CHINA_PRINCIPALS = ['cognito-identity.cn-north-1.amazonaws.com.cn', 'cognito-identity.amazonaws.com.cn'];
const COGNITO_KEY_PREFIXES = ['cognito-identity.amazonaws.com:', 'cognito-identity.amazonaws.com.cn:'];

/** Whether a `Federated` principal value is the identity pools' principal (any partition, any case). */
export function isCognitoPrincipal(value: string): boolean {
  const lower = value.toLowerCase();
  return lower === COGNITO_PRINCIPAL || CHINA_PRINCIPALS.includes(lower);
}

/**
 * The claim of a Cognito identity-pool condition key (`aud`, `amr`, `sub`, ...; lower case), or undefined
 * for any other key. Key names are case-insensitive.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
export function cognitoClaimOf(key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const prefix of COGNITO_KEY_PREFIXES) if (lower.startsWith(prefix)) return lower.slice(prefix.length);
  return undefined;
}

/**
 * The actions an identity pool's principal performs on a role: Cognito (enhanced flow) or the app (basic
 * flow) calls AssumeRoleWithWebIdentity; TagSession is needed when the pool passes principal tags
 * (attributes for access control). https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
 */
export const WEB_IDENTITY_ACTION = 'sts:AssumeRoleWithWebIdentity';
export const TAG_SESSION_ACTION = 'sts:TagSession';
export const COGNITO_TRUST_ACTIONS: readonly string[] = [WEB_IDENTITY_ACTION, TAG_SESSION_ACTION];

/**
 * Identity pool ID (the value of `aud`) and identity ID (the value of `sub`): `<region>:<guid>`.
 * cognito-identity service model, IdentityPoolId: pattern `[\w-]+:[0-9a-f-]+`, length 1-55.
 */
export const IDENTITY_POOL_ID_PATTERN = /^[\w-]+:[0-9a-f-]+$/;
export const IDENTITY_POOL_ID_MAX_LENGTH = 55;
export const IDENTITY_POOL_ID_EXAMPLE = 'us-east-1:12345678-1234-1234-1234-123456789012';

export function isIdentityPoolId(value: string): boolean {
  return value.length >= 1 && value.length <= IDENTITY_POOL_ID_MAX_LENGTH && IDENTITY_POOL_ID_PATTERN.test(value);
}

/** `arn:<partition>:cognito-identity:<region>:<account>:identitypool/<poolId>`: the pool ID is the part after `identitypool/`. */
const IDENTITY_POOL_ARN = /^arn:aws[a-z-]*:cognito-identity:[a-z0-9-]*:\d{12}:identitypool\/([\w-]+:[0-9a-f-]+)$/;

export function identityPoolIdOfArn(value: string): string | undefined {
  if (value.length > 200) return undefined;
  return IDENTITY_POOL_ARN.exec(value)?.[1];
}

/**
 * User pool ID: `<region>_<id>`, e.g. `us-east-1_AbC123` (cognito-idp model, UserPoolIdType: pattern
 * `[\w-]+_[0-9a-zA-Z]+`, length 1-55).
 */
const USER_POOL_ID_PATTERN = /^[\w-]+_[0-9a-zA-Z]+$/;

export function isUserPoolId(value: string): boolean {
  // Bounded before the pattern: `[\w-]+_` backtracks over every `_` of a long value.
  return value.length >= 1 && value.length <= 55 && USER_POOL_ID_PATTERN.test(value);
}

/**
 * A user pool app client ID as the console and API create them: 26 lower-case letters and digits
 * (the model only says `[\w+]+`, length 1-128, so this is the observed form, used to explain a value).
 */
export function looksLikeAppClientId(value: string): boolean {
  return /^[a-z0-9]{26}$/.test(value);
}

/**
 * amr: guests get `["unauthenticated"]`; signed-in identities `["authenticated", <provider>, ...]` where a
 * provider is a name from the Logins map. https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
 */
export const AMR_VALUES: readonly string[] = [AMR_AUTHENTICATED, AMR_UNAUTHENTICATED];

/** Public login providers' names (Logins map keys). https://docs.aws.amazon.com/cognito/latest/developerguide/external-identity-providers.html */
export const KNOWN_LOGIN_PROVIDERS: readonly string[] = [
  'graph.facebook.com',
  'accounts.google.com',
  'www.amazon.com',
  'appleid.apple.com',
  'api.twitter.com',
  'www.digits.com',
];

/** A user pool as a login provider: `cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
const USER_POOL_PROVIDER = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[\w-]+_[0-9a-zA-Z]+$/;

export function isUserPoolProviderName(value: string): boolean {
  return value.length <= 120 && USER_POOL_PROVIDER.test(value);
}

/** A SAML provider as a login provider: its IAM ARN, `arn:aws:iam::<account>:saml-provider/<name>` (name `[\w._-]+`). */
const SAML_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w.-]+$/;

export function isSamlProviderArn(value: string): boolean {
  return value.length <= 200 && SAML_PROVIDER_ARN.test(value);
}

/**
 * Developer provider names ("the domain by which Cognito will refer to your users"): letters, digits,
 * `.`, `_` and `-` (cognito-identity model, DeveloperProviderName: `[\w._-]+`, length 1-128). An OIDC
 * provider's name is its issuer host (`login.example.com`), so any `x.y` name may be a real provider.
 */
export const DEVELOPER_PROVIDER_NAME_PATTERN = /^[\w.-]{1,128}$/;

// ---------------------------------------------------------------------------------------------
// Permission (identity) policies of identity-pool roles

/**
 * Global keys an identity-pool session never carries (credentials of an assumed role, not an IAM user).
 * `aws:username`: "This key is included in the request context for IAM users. Anonymous requests and
 * requests that are made using the AWS account root user or IAM roles do not include this key."
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-username
 * (Kept to keys with a cited source; `aws:SourceIdentity` is not listed: unverified for identity pools.)
 */
export const KEYS_NEVER_SET_FOR_IDENTITY_POOLS: readonly { readonly key: string; readonly why: string; readonly source: string }[] = [
  {
    key: 'aws:username',
    why: 'it exists only for IAM users, never for role sessions such as identity-pool credentials',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-username',
  },
];

/**
 * DynamoDB item actions: per-user data, scoped per identity with `dynamodb:LeadingKeys` =
 * `${cognito-identity.amazonaws.com:sub}`. (S3 per-user data is decided from the catalog: s3 actions on
 * the `object` resource type.)
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html
 */
export const DYNAMODB_ITEM_ACTIONS: readonly string[] = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
];
export const S3_OBJECT_RESOURCE_TYPE = 'object';

/**
 * Resource types that hold one identity's own data, which an identity-pool policy shares or not by its scoping
 * (shared-identity-data's business), not shared resources whose deletion harms every identity: S3 objects, and
 * Cognito Sync datasets (under `identitypool/<pool>/identity/<identity ID>/dataset/<name>`).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitosync.html
 */
export const PER_IDENTITY_RESOURCE_TYPES: readonly { readonly service: string; readonly type: string }[] = [
  { service: 's3', type: S3_OBJECT_RESOURCE_TYPE },
  { service: 'cognito-sync', type: 'dataset' },
];

/**
 * Per-identity S3 folders: `s3:ListBucket` acts on the bucket ARN, scoped per identity by `s3:prefix`
 * `"${cognito-identity.amazonaws.com:sub}/*"`; without it every identity lists every other identity's keys
 * (AWS corrected its own example policy for this).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_s3_cognito-bucket.html
 */
export const S3_LIST_BUCKET_ACTION = 's3:ListBucket';
export const S3_PREFIX_KEY = 's3:prefix';

/**
 * Actions that let identity-pool users obtain other credentials or change which roles the pool hands out:
 * pass or assume roles, remap the pool's roles, mint developer-identity tokens. Every IAM action of the
 * Write or Permissions management access level counts too (checked through the catalog).
 * (`sts:AssumeRoleWithWebIdentity`/`WithSAML` are left out: they need no permission in an identity policy.)
 * https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html
 */
export const POOL_CREDENTIAL_ESCALATION_ACTIONS: readonly string[] = [
  'iam:PassRole',
  'sts:AssumeRole',
  'cognito-identity:SetIdentityPoolRoles',
  'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
];
export const ESCALATION_IAM_ACCESS_LEVELS: readonly string[] = ['Write', 'Permissions management'];

/**
 * Guests: "Grant guests only what you would grant anyone on the internet" (the identity pool ID is not a
 * secret). Access levels and data services that are too broad for them.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html
 */
export const GUEST_BROAD_ACCESS_LEVELS: readonly string[] = ['Write', 'Permissions management'];
export const GUEST_DATA_SERVICES: readonly string[] = ['s3', 'dynamodb', 'sqs', 'sns', 'lambda', 'kinesis', 'secretsmanager', 'ssm', 'rds', 'rds-data'];

/**
 * The enhanced (simplified) flow scopes guest credentials down with the session policy
 * `AmazonCognitoUnAuthedIdentitiesSessionPolicy` (list v4; the older guide listed a broader service table,
 * and which list is in force is unverified).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html#access-policies-scope-down-services
 */
export const GUEST_SCOPE_DOWN_SOURCE =
  'the enhanced-flow session policy AmazonCognitoUnAuthedIdentitiesSessionPolicy (Amazon Cognito Developer Guide, IAM roles; list v4, unverified which list is in force)';
export const GUEST_SCOPE_DOWN_ACTIONS: readonly string[] = [
  'rum:PutRumEvents',
  'sagemaker:InvokeEndpoint',
  'polly:*',
  'comprehend:*',
  'translate:*',
  'transcribe:*',
  'rekognition:*',
  'mobiletargeting:*',
  'firehose:*',
  'personalize:*',
  'geo:GetMap*',
  'geo:ListMaps',
  'geo:SearchPlaceIndex*',
  'geo:GetPlace',
  'geo:CalculateRoute*',
  'geo:*Geofence',
  'geo:*Geofences',
  'geo:*DevicePosition*',
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptTo',
  'kms:ReEncryptFrom',
  'kms:GenerateDataKey*',
];

// ---------------------------------------------------------------------------------------------
// Identity pool configuration (roles attached to a pool, role mapping, flows)

/**
 * A role mapping of type Rules holds 1 to 25 rules per identity provider, evaluated in order.
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_RulesConfigurationType.html
 */
export const ROLE_MAPPING_MAX_RULES = 25;

/**
 * Role-mapping rules choose roles for authenticated identities only; the default roles are the `authenticated`
 * and the `unauthenticated` (guest) role.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
 */
export const ATTACHED_ROLE_KEYS: readonly string[] = ['authenticated', 'unauthenticated'];

/**
 * Where AWS explains the effects of guest access ("anyone who knows your identity pool ID can request
 * unauthenticated credentials") and recommends the enhanced flow over the basic (classic) one (the basic flow
 * delegates role selection to the app; the enhanced flow adds the guest scope-down policy).
 */
export const POOL_SECURITY_SOURCE = 'https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html';

/**
 * Session tags from attributes for access control: the role's trust policy must also allow `sts:TagSession`.
 * IAM tags of the role are principal tags too, so `aws:PrincipalTag/<key>` can come from either.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/using-afac-with-cognito-identity-pools.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
 */
export const PRINCIPAL_TAG_KEY_PREFIX = 'aws:PrincipalTag/';

// ---------------------------------------------------------------------------------------------
// Flows: token and credential lifetimes, what each flow answers (identity-pool-facts.md §4)

/** "The OpenID token is valid for 10 minutes." https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetOpenIdToken.html */
export const OPEN_ID_TOKEN_SECONDS = 10 * 60;
/**
 * GetOpenIdTokenForDeveloperIdentity `TokenDuration`: 15 minutes by default, at most 24 hours.
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetOpenIdTokenForDeveloperIdentity.html
 */
export const DEVELOPER_TOKEN_SECONDS = 15 * 60;
export const DEVELOPER_TOKEN_MAX_SECONDS = 24 * 60 * 60;
/**
 * Credentials from GetCredentialsForIdentity last one hour; AssumeRoleWithWebIdentity's `DurationSeconds`
 * defaults to 3600 and goes from 900 up to the role's maximum session duration.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
 */
export const CREDENTIALS_SECONDS = 60 * 60;
export const CREDENTIALS_MIN_SECONDS = 900;
/**
 * The basic (classic) flow works only when the pool allows it (`AllowClassicFlow`).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html
 */
export const CLASSIC_FLOW_NOTE = 'The identity pool must allow the basic flow (AllowClassicFlow, "Basic (classic) authentication").';
export const GUEST_SESSION_POLICY = 'AmazonCognitoUnAuthedIdentitiesSessionPolicy';
/** What the enhanced flow answers when STS refuses (identity-pool-facts.md §1). */
export const ENHANCED_TRUST_ERROR = 'InvalidIdentityPoolConfigurationException';
export const BASIC_TRUST_ERROR = `AccessDenied: Not authorized to perform ${WEB_IDENTITY_ACTION}`;

// ---------------------------------------------------------------------------------------------
// Role resolution: role mappings, tokens, principal tags (identity-pool-facts.md §5, §7, §8)

/**
 * A role mapping's `Type`: `Token` (the roles of the ID token's `cognito:preferred_role` / `cognito:roles`
 * claims) or `Rules` (claims matched by rules, in order). `AmbiguousRoleResolution` says what happens when no
 * rule matches or the token names no single role: the default authenticated role, or no credentials.
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_RoleMapping.html
 */
export const ROLE_MAPPING_TYPES: readonly string[] = ['Token', 'Rules'];
export const AMBIGUOUS_ROLE_RESOLUTIONS: readonly string[] = ['AuthenticatedRole', 'Deny'];

/**
 * A rule's `MatchType` on the claim's value; "If the match type is NotEqual and the claim doesn't exist, the
 * rule is not evaluated" (nor is any other rule whose claim is missing: it cannot match).
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_MappingRule.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
 */
export const MATCH_TYPES: readonly string[] = ['Equals', 'Contains', 'StartsWith', 'NotEqual'];

/**
 * The ID token claims of token-based mapping (user pool groups): `cognito:preferred_role` is the role ARN of
 * the group with the best precedence (unset when several groups tie); `cognito:roles` the set of the groups'
 * role ARNs (a JSON array in tokens; "a comma-separated string" in older pages of the guide, read both ways).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html#using-tokens-to-assign-roles-to-users
 */
export const PREFERRED_ROLE_CLAIM = 'cognito:preferred_role';
export const ROLES_CLAIM = 'cognito:roles';

/**
 * A user pool's ID token: `iss` is `https://cognito-idp.<region>.amazonaws.com/<userPoolId>` and `aud` the app
 * client ID (an access token carries `client_id` instead). The identity pool's provider name is the issuer
 * without `https://`; the role-mapping key for the user pool is `<provider name>:<app client ID>`.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-identitypoolroleattachment-rolemapping.html
 */
export function userPoolProviderOfIssuer(iss: string): string | undefined {
  if (!iss.startsWith('https://')) return undefined;
  const name = iss.slice('https://'.length);
  return isUserPoolProviderName(name) ? name : undefined;
}

/** The user pool ID of a user pool's provider name or role-mapping key (`cognito-idp.<region>.amazonaws.com/<userPoolId>[:<client>]`). */
export function userPoolIdOfProvider(name: string): string | undefined {
  const colon = name.lastIndexOf(':');
  const provider = colon > 0 && !isUserPoolProviderName(name) ? name.slice(0, colon) : name;
  return isUserPoolProviderName(provider) ? provider.slice(provider.lastIndexOf('/') + 1) : undefined;
}

/** `cognito-idp.<region>.amazonaws.com/<userPoolId>:<appClientId>`: a user pool's role-mapping key. */
export function userPoolMappingKey(provider: string, clientId: string): string {
  return `${provider}:${clientId}`;
}

/**
 * An OIDC provider's name in the identity pool is its IAM provider ARN's resource part: the issuer's host and
 * path (`arn:aws:iam::123456789012:oidc-provider/login.example.com` -> `login.example.com`). A SAML
 * provider's name is its ARN.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/open-id.html
 */
export function oidcProviderNameOfArn(arn: string): string | undefined {
  if (arn.length > 2048) return undefined;
  const m = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/.exec(arn);
  return m?.[1];
}

/**
 * `UseDefaults` principal tags: "default (username and clientID) attribute mappings" (API reference); the
 * Developer Guide's table "Default provider mappings" gives, for user pools, Google, Apple and standard OIDC
 * providers, the token's `aud` (client ID) and `sub` (user ID). The tag keys `username` (from `sub`) and
 * `client` (from `aud`) are the console's names for them: unverified on an AWS page beyond the API's wording.
 * Other providers' defaults (Facebook, Login with Amazon, Twitter, SAML, developer) are not simulated.
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_SetPrincipalTagAttributeMap.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/provider-mappings.html
 */
export const DEFAULT_PRINCIPAL_TAGS: Readonly<Record<string, string>> = { username: 'sub', client: 'aud' };
export const DEFAULT_PRINCIPAL_TAGS_SOURCE =
  'the default mappings (tag "username" from the token\'s sub, "client" from its aud: the API reference says "username and clientID", the Developer Guide\'s "Default provider mappings" table aud and sub; the tag names are unverified)';

/**
 * Whether the pool's default principal tags of this provider are simulated: providers whose tokens carry aud and
 * sub (OIDC). A developer provider's name has the same form as an issuer's: callers that know the pool's
 * developer provider leave it out ("DevAuth: not applicable").
 */
export function hasDefaultPrincipalTags(provider: string): boolean {
  if (isUserPoolProviderName(provider)) return true;
  if (provider === 'accounts.google.com' || provider === 'appleid.apple.com') return true;
  // Other providers with a host name: standard OIDC providers (issuer host); the named social ones are not OIDC.
  return !KNOWN_LOGIN_PROVIDERS.includes(provider) && !isSamlProviderArn(provider) && provider.includes('.');
}

/**
 * A login from a provider the pool is not configured for is refused, and so is a user pool token whose `aud` is
 * not one of the pool's app clients for that user pool: "NotAuthorizedException: Token is not from a supported
 * provider of this identity pool" (the message users report for both; the OpenSearch Service guide lists it for a
 * removed app client). GetId documents NotAuthorizedException, not this message.
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html
 * https://docs.aws.amazon.com/opensearch-service/latest/developerguide/cognito-auth.html
 */
export const UNKNOWN_PROVIDER_ERROR = 'NotAuthorizedException: "Token is not from a supported provider of this identity pool"';
