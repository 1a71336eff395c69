/**
 * The identity pool's table: from a sign-in to a verdict over a whole template (role resolution, principal tags,
 * trust, request), shared by test/unit/resolveRole.test.ts (the core's simulatePool) and
 * test/integration/simulate.test.ts (the same cases through `cognito-pool-lint simulate --template`). Each case
 * names the behaviour it protects; one template builder, varied by what each case is about.
 */
import type { AccessDecision, RuleOutcome } from '../../server/src/core';

export const USER_POOL = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123';
export const CLIENT = 'a1b2c3d4e5f6g7h8i9j0k1l2m3';
export const ISS = `https://${USER_POOL}`;
export const MAPPING_KEY = `${USER_POOL}:${CLIENT}`;
export const SUB = '0f5c3a9e-1111-2222-3333-444455556666';
export const IDENTITY_ID = 'us-east-1:aaaaaaaa-1111-2222-3333-444444444444';
const ACCOUNT = '123456789012';
const ADMIN_ARN = `arn:aws:iam::${ACCOUNT}:role/photo-admin`;
const SALES_ARN = `arn:aws:iam::${ACCOUNT}:role/photo-sales`;

export interface TemplateFile {
  readonly file: string;
  readonly text: string;
}

interface PoolOptions {
  /** AllowUnauthenticatedIdentities (default false); undefined leaves it out. */
  readonly guests?: boolean;
  readonly classic?: boolean;
  /** The attachment's RoleMappings body, indented for its place. */
  readonly mappings?: string;
  /** The IdentityPoolPrincipalTag's properties after IdentityPoolId, indented for their place. */
  readonly principalTags?: string;
  /** The signed-in roles' trust policies also allow sts:TagSession. */
  readonly tagSession?: boolean;
  /** The pool has an unauthenticated role (default true). */
  readonly guestRole?: boolean;
  /** The user pool and its client are resources of the template: the pool names them with !GetAtt and !Ref (no Google). */
  readonly openProvider?: boolean;
}

const trust = (amr: string, tagSession: boolean) => `      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: PoolIdentities
            Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: ${tagSession ? '[sts:AssumeRoleWithWebIdentity, sts:TagSession]' : 'sts:AssumeRoleWithWebIdentity'}
            Condition:
              StringEquals: {cognito-identity.amazonaws.com:aud: !Ref IdentityPool}
              ForAnyValue:StringLike: {cognito-identity.amazonaws.com:amr: ${amr}}
`;
const statement = (sid: string, action: string, resource: string) => `          - {Sid: ${sid}, Effect: Allow, Action: ${action}, Resource: '${resource}'}\n`;
const role = (id: string, name: string | undefined, amr: string, tagSession: boolean, statements: string) => `  ${id}:
    Type: AWS::IAM::Role
    Properties:
${name ? `      RoleName: ${name}\n` : ''}${trust(amr, tagSession)}      Policies:
        - PolicyName: ${id}Policy
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
${statements.replace(/^ {10}/gm, '              ')}`;

/** The photo app's pool: a user pool client and Google as providers; signed-in, sales, admin and guest roles. */
export function poolTemplate(o: PoolOptions = {}): TemplateFile {
  const tagSession = o.tagSession ?? false;
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  IdentityPool:
    Type: AWS::Cognito::IdentityPool
    Properties:
${o.guests === undefined ? '' : `      AllowUnauthenticatedIdentities: ${o.guests}\n`}${o.classic === undefined ? '' : `      AllowClassicFlow: ${o.classic}\n`}      CognitoIdentityProviders:
${
  o.openProvider
    ? `        - {ProviderName: !GetAtt UserPool.ProviderName, ClientId: !Ref Client}
  UserPool:
    Type: AWS::Cognito::UserPool
    Properties: {UserPoolName: photos}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties: {UserPoolId: !Ref UserPool}
`
    : `        - {ProviderName: ${USER_POOL}, ClientId: ${CLIENT}}
      SupportedLoginProviders: {accounts.google.com: 620493171733-example.apps.googleusercontent.com}
`
}${role(
    'AuthRole',
    undefined,
    'authenticated',
    tagSession,
    statement('ReadPublic', 's3:GetObject', 'arn:aws:s3:::photos/public/*') +
      statement('ReadOwn', 's3:GetObject', 'arn:aws:s3:::photos/users/${aws:PrincipalTag/username}/*') +
      statement('ReadTeam', 's3:GetObject', 'arn:aws:s3:::photos/teams/${aws:PrincipalTag/department}/*'),
  )}${role('SalesRole', 'photo-sales', 'authenticated', tagSession, statement('ReadSales', 's3:GetObject', 'arn:aws:s3:::photos/sales/*'))}${role(
    'AdminRole',
    'photo-admin',
    'authenticated',
    tagSession,
    statement('AdminAll', "'s3:*'", 'arn:aws:s3:::photos/*'),
  )}${role(
    'GuestRole',
    undefined,
    'unauthenticated',
    false,
    statement('GuestSpeech', 'polly:SynthesizeSpeech', '*') + statement('GuestReadPublic', 's3:GetObject', 'arn:aws:s3:::photos/public/*'),
  )}  Attachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref IdentityPool
      Roles:
        authenticated: !GetAtt AuthRole.Arn
${o.guestRole === false ? '' : '        unauthenticated: !GetAtt GuestRole.Arn\n'}${o.mappings ? `      RoleMappings:\n${o.mappings}` : ''}${
    o.principalTags
      ? `  Tags:
    Type: AWS::Cognito::IdentityPoolPrincipalTag
    Properties:
      IdentityPoolId: !Ref IdentityPool
${o.principalTags}`
      : ''
  }`;
  return { file: 'pool.yaml', text };
}

/** A Rules mapping for the user pool client, with AmbiguousRoleResolution and its rules (`{Claim: ..., ...}` each). */
const rules = (ambiguous: string, ...list: string[]) => `        userpool:
          IdentityProvider: ${MAPPING_KEY}
          Type: Rules
          AmbiguousRoleResolution: ${ambiguous}
          RulesConfiguration:
            Rules:
${list.map((r) => `              - ${r}\n`).join('')}`;
const rule = (claim: string, matchType: string, value: string, roleArn: string) =>
  `{Claim: '${claim}', MatchType: ${matchType}, Value: '${value}', RoleARN: ${roleArn}}`;
const tokenMapping = (ambiguous: string) => `        userpool:
          IdentityProvider: ${MAPPING_KEY}
          Type: Token
          AmbiguousRoleResolution: ${ambiguous}
`;
const CUSTOM_TAGS = `      IdentityProviderName: ${USER_POOL}
      PrincipalTags: {department: 'custom:dept'}
`;
const DEFAULT_TAGS = `      IdentityProviderName: ${USER_POOL}
      UseDefaults: true
`;

export type Identity = 'guest' | { readonly claims: Readonly<Record<string, unknown>>; readonly as: 'claims' | 'token' };

/** A user pool ID token's claims (iss, aud, sub) with more. */
const token = (more: Record<string, unknown> = {}, as: 'claims' | 'token' = 'token'): Identity => ({
  claims: { iss: ISS, aud: CLIENT, sub: SUB, token_use: 'id', ...more },
  as,
});

export interface PoolCase {
  readonly name: string;
  readonly template: TemplateFile;
  readonly identity: Identity;
  readonly provider?: string;
  readonly flow?: 'basic';
  readonly role?: string;
  readonly action: string;
  readonly resource: string;
  /** The role the pool gives: `null` for no credentials. */
  readonly expectRole: { readonly id: string; readonly by: 'default' | 'rules' | 'token' | 'app'; readonly rule?: number } | null;
  readonly principalTags?: Readonly<Record<string, string>>;
  /** Each rule's outcome when the provider has a Rules mapping. */
  readonly rules?: readonly RuleOutcome[];
  readonly trust: 'allowed' | 'denied' | null;
  readonly decision: AccessDecision;
  readonly sids: readonly string[];
  /** The result depends on what the template leaves open (or does not say): `uncertain` is set. */
  readonly uncertain?: boolean;
  /** A text that one of the reasons must contain. */
  readonly reason: string;
}

const PUBLIC = 'arn:aws:s3:::photos/public/a.jpg';
const SALES = 'arn:aws:s3:::photos/sales/q3.pdf';
const GET = 's3:GetObject';
const DELETE = 's3:DeleteObject';

// prettier-ignore
export const POOL_CASES: readonly PoolCase[] = [
  // ---- default roles
  {
    name: 'a user pool token without a role mapping gets the default authenticated role',
    template: poolTemplate(), identity: token(), action: GET, resource: PUBLIC,
    expectRole: { id: 'AuthRole', by: 'default' }, trust: 'allowed', decision: 'allowed', sids: ['ReadPublic'],
    reason: `No role mapping for ${MAPPING_KEY}: the pool's authenticated role "AuthRole".`,
  },
  {
    name: 'the default authenticated role does not grant what only the sales role grants',
    template: poolTemplate(), identity: token({}, 'claims'), action: GET, resource: SALES,
    expectRole: { id: 'AuthRole', by: 'default' }, trust: 'allowed', decision: 'implicit-deny', sids: [],
    reason: `No statement allows s3:GetObject on ${SALES} → implicit deny.`,
  },
  {
    name: 'a guest gets the unauthenticated role when guest access is on (an action in the scope-down list)',
    template: poolTemplate({ guests: true }), identity: 'guest', action: 'polly:SynthesizeSpeech', resource: '*',
    expectRole: { id: 'GuestRole', by: 'default' }, trust: 'allowed', decision: 'allowed', sids: ['GuestSpeech'],
    reason: 'A guest gets the pool\'s unauthenticated role "GuestRole".',
  },
  {
    name: "a guest's s3 read allowed by the role is still cut by the enhanced flow's scope-down",
    template: poolTemplate({ guests: true }), identity: 'guest', action: GET, resource: PUBLIC,
    expectRole: { id: 'GuestRole', by: 'default' }, trust: 'allowed', decision: 'implicit-deny', sids: [],
    reason: 's3:GetObject is outside the enhanced-flow session policy',
  },
  {
    name: 'guests get no credentials when guest access is off',
    template: poolTemplate({ guests: false }), identity: 'guest', action: 'polly:SynthesizeSpeech', resource: '*',
    expectRole: null, trust: null, decision: 'implicit-deny', sids: [],
    reason: 'Guest access is off for identity pool "IdentityPool" (AllowUnauthenticatedIdentities false)',
  },
  {
    name: 'guests get no credentials from a pool without an unauthenticated role',
    template: poolTemplate({ guests: true, guestRole: false }), identity: 'guest', action: 'polly:SynthesizeSpeech', resource: '*',
    expectRole: null, trust: null, decision: 'implicit-deny', sids: [],
    reason: 'Identity pool "IdentityPool" has no unauthenticated role: guests get an identity ID but no credentials.',
  },
  // ---- providers
  {
    name: 'a token from a user pool the identity pool is not configured for gets no credentials',
    template: poolTemplate(), identity: { claims: { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other9', aud: CLIENT, sub: SUB }, as: 'token' }, action: GET, resource: PUBLIC,
    expectRole: null, trust: null, decision: 'implicit-deny', sids: [],
    reason: 'Identity pool "IdentityPool" is not configured for cognito-idp.us-east-1.amazonaws.com/us-east-1_Other9',
  },
  {
    name: 'a token issued to another app client of the user pool gets no credentials',
    template: poolTemplate(), identity: token({ aud: 'zzzzzzzzzzzzzzzzzzzzzzzzzz' }), action: GET, resource: PUBLIC,
    expectRole: null, trust: null, decision: 'implicit-deny', sids: [],
    reason: `accepts ${USER_POOL} only for the app client "${CLIENT}", not "zzzzzzzzzzzzzzzzzzzzzzzzzz"`,
  },
  {
    name: 'claims without an issuer, named by --provider (Google, configured in SupportedLoginProviders)',
    template: poolTemplate(), identity: { claims: { aud: '620493171733-example.apps.googleusercontent.com', sub: '1092200634' }, as: 'claims' }, provider: 'accounts.google.com', action: GET, resource: PUBLIC,
    expectRole: { id: 'AuthRole', by: 'default' }, trust: 'allowed', decision: 'allowed', sids: ['ReadPublic'],
    reason: 'Signed in through accounts.google.com (--provider accounts.google.com).',
  },
  // ---- rules: each MatchType, order, ambiguous resolution
  {
    name: 'Equals: a rule matching the claim gives its role (rule 1)',
    template: poolTemplate({ mappings: rules('Deny', rule('custom:dept', 'Equals', 'sales', '!GetAtt SalesRole.Arn')) }), identity: token({ 'custom:dept': 'sales' }), action: GET, resource: SALES,
    expectRole: { id: 'SalesRole', by: 'rules', rule: 1 }, rules: ['matched'], trust: 'allowed', decision: 'allowed', sids: ['ReadSales'],
    reason: 'Rule 1: custom:dept Equals "sales" matches the token\'s custom:dept "sales".',
  },
  {
    name: 'Equals is exact: "sales-emea" does not equal "sales"; AuthenticatedRole falls back to the default role',
    template: poolTemplate({ mappings: rules('AuthenticatedRole', rule('custom:dept', 'Equals', 'sales', '!GetAtt SalesRole.Arn')) }), identity: token({ 'custom:dept': 'sales-emea' }), action: GET, resource: SALES,
    expectRole: { id: 'AuthRole', by: 'default' }, rules: ['not-matched'], trust: 'allowed', decision: 'implicit-deny', sids: [],
    reason: 'No rule of the role mapping for',
  },
  {
    name: 'Contains: the claim contains the value',
    template: poolTemplate({ mappings: rules('Deny', rule('custom:dept', 'Contains', 'ales', SALES_ARN)) }), identity: token({ 'custom:dept': 'wholesales' }), action: GET, resource: SALES,
    expectRole: { id: 'SalesRole', by: 'rules', rule: 1 }, rules: ['matched'], trust: 'allowed', decision: 'allowed', sids: ['ReadSales'],
    reason: 'custom:dept Contains "ales" matches the token\'s custom:dept "wholesales".',
  },
  {
    name: 'StartsWith: the claim starts with the value (a literal role ARN found by its RoleName)',
    template: poolTemplate({ mappings: rules('Deny', rule('email', 'StartsWith', 'admin@', ADMIN_ARN)) }), identity: token({ email: 'admin@example.com' }), action: DELETE, resource: PUBLIC,
    expectRole: { id: 'AdminRole', by: 'rules', rule: 1 }, rules: ['matched'], trust: 'allowed', decision: 'allowed', sids: ['AdminAll'],
    reason: 'email StartsWith "admin@" matches the token\'s email "admin@example.com".',
  },
  {
    name: 'StartsWith does not match a value further in: "x-admin@" is no admin',
    template: poolTemplate({ mappings: rules('Deny', rule('email', 'StartsWith', 'admin@', ADMIN_ARN)) }), identity: token({ email: 'x-admin@example.com' }), action: DELETE, resource: PUBLIC,
    expectRole: null, rules: ['not-matched'], trust: null, decision: 'implicit-deny', sids: [],
    reason: 'and AmbiguousRoleResolution is Deny: no credentials.',
  },
  {
    name: 'NotEqual: a claim with another value matches',
    template: poolTemplate({ mappings: rules('Deny', rule('custom:dept', 'NotEqual', 'contractors', SALES_ARN)) }), identity: token({ 'custom:dept': 'sales' }), action: GET, resource: SALES,
    expectRole: { id: 'SalesRole', by: 'rules', rule: 1 }, rules: ['matched'], trust: 'allowed', decision: 'allowed', sids: ['ReadSales'],
    reason: 'custom:dept NotEqual "contractors" matches the token\'s custom:dept "sales".',
  },
  {
    name: 'NotEqual on a missing claim is not evaluated (no match): Deny gives no credentials',
    template: poolTemplate({ mappings: rules('Deny', rule('custom:dept', 'NotEqual', 'contractors', SALES_ARN)) }), identity: token(), action: GET, resource: SALES,
    expectRole: null, rules: ['not-matched'], trust: null, decision: 'implicit-deny', sids: [],
    reason: 'the token has no claim custom:dept (a NotEqual rule on a missing claim is not evaluated)',
  },
  {
    name: 'rule order: the first matching rule wins, later rules are not reached',
    template: poolTemplate({ mappings: rules('Deny', rule('custom:dept', 'Equals', 'sales', SALES_ARN), rule('email', 'StartsWith', 'admin@', ADMIN_ARN)) }), identity: token({ 'custom:dept': 'sales', email: 'admin@example.com' }), action: DELETE, resource: PUBLIC,
    expectRole: { id: 'SalesRole', by: 'rules', rule: 1 }, rules: ['matched', 'not-reached'], trust: 'allowed', decision: 'implicit-deny', sids: [],
    reason: 'Rule 1 is the first that matches: role "SalesRole".',
  },
  {
    name: 'rule order: a later rule matches when the earlier ones do not',
    template: poolTemplate({ mappings: rules('Deny', rule('custom:dept', 'Equals', 'sales', SALES_ARN), rule('email', 'StartsWith', 'admin@', ADMIN_ARN)) }), identity: token({ 'custom:dept': 'hr', email: 'admin@example.com' }), action: DELETE, resource: PUBLIC,
    expectRole: { id: 'AdminRole', by: 'rules', rule: 2 }, rules: ['not-matched', 'matched'], trust: 'allowed', decision: 'allowed', sids: ['AdminAll'],
    reason: 'Rule 2 is the first that matches: role "AdminRole".',
  },
  {
    name: 'a list claim (cognito:groups) in a rule: how Cognito compares it is not documented, so the role cannot be told',
    template: poolTemplate({ mappings: rules('Deny', rule('cognito:groups', 'Contains', 'admins', ADMIN_ARN)) }), identity: token({ 'cognito:groups': ['admins'] }), action: DELETE, resource: PUBLIC,
    expectRole: null, rules: ['unknown'], trust: null, decision: 'implicit-deny', sids: [], uncertain: true,
    reason: 'the claim cognito:groups is a list, and how Cognito compares it is not documented.',
  },
  // ---- token-based mapping
  {
    name: "Token: the token's cognito:preferred_role (a role ARN found by its RoleName)",
    template: poolTemplate({ mappings: tokenMapping('Deny') }), identity: token({ 'cognito:groups': ['admins', 'sales'], 'cognito:roles': [ADMIN_ARN, SALES_ARN], 'cognito:preferred_role': ADMIN_ARN }), action: DELETE, resource: PUBLIC,
    expectRole: { id: 'AdminRole', by: 'token' }, trust: 'allowed', decision: 'allowed', sids: ['AdminAll'],
    reason: `The token's cognito:preferred_role is "${ADMIN_ARN}".`,
  },
  {
    name: 'Token: one role in cognito:roles and no preferred role',
    template: poolTemplate({ mappings: tokenMapping('Deny') }), identity: token({ 'cognito:roles': [SALES_ARN] }), action: GET, resource: SALES,
    expectRole: { id: 'SalesRole', by: 'token' }, trust: 'allowed', decision: 'allowed', sids: ['ReadSales'],
    reason: 'its cognito:roles holds one role',
  },
  {
    name: 'Token: several roles and no preferred one is ambiguous; Deny gives no credentials',
    template: poolTemplate({ mappings: tokenMapping('Deny') }), identity: token({ 'cognito:roles': [ADMIN_ARN, SALES_ARN] }), action: GET, resource: SALES,
    expectRole: null, trust: null, decision: 'implicit-deny', sids: [],
    reason: 'The token has no cognito:preferred_role and 2 roles in cognito:roles, and AmbiguousRoleResolution is Deny: no credentials.',
  },
  {
    name: 'Token: several roles and no preferred one; AuthenticatedRole gives the default role',
    template: poolTemplate({ mappings: tokenMapping('AuthenticatedRole') }), identity: token({ 'cognito:roles': [ADMIN_ARN, SALES_ARN] }), action: GET, resource: PUBLIC,
    expectRole: { id: 'AuthRole', by: 'default' }, trust: 'allowed', decision: 'allowed', sids: ['ReadPublic'],
    reason: 'AmbiguousRoleResolution AuthenticatedRole gives the pool\'s authenticated role "AuthRole".',
  },
  {
    name: 'Token: a user in no group with a role; AuthenticatedRole gives the default role',
    template: poolTemplate({ mappings: tokenMapping('AuthenticatedRole') }), identity: token(), action: GET, resource: PUBLIC,
    expectRole: { id: 'AuthRole', by: 'default' }, trust: 'allowed', decision: 'allowed', sids: ['ReadPublic'],
    reason: 'The token has neither cognito:preferred_role nor cognito:roles',
  },
  {
    name: 'Token: a preferred role that is not a role of the template cannot be evaluated',
    template: poolTemplate({ mappings: tokenMapping('Deny') }), identity: token({ 'cognito:preferred_role': `arn:aws:iam::${ACCOUNT}:role/elsewhere` }), action: GET, resource: PUBLIC,
    expectRole: { id: `arn:aws:iam::${ACCOUNT}:role/elsewhere`, by: 'token' }, trust: null, decision: 'implicit-deny', sids: [], uncertain: true,
    reason: 'is not a role of the model',
  },
  {
    name: 'a role mapping whose IdentityProvider is written with intrinsic functions: whether it applies cannot be told',
    template: poolTemplate({ mappings: `        userpool:\n          IdentityProvider: !Sub '\${UserPool.ProviderName}:\${Client}'\n          Type: Token\n          AmbiguousRoleResolution: Deny\n` }), identity: token(), action: GET, resource: PUBLIC,
    expectRole: null, trust: null, decision: 'implicit-deny', sids: [], uncertain: true,
    reason: 'which is not written literally: whether it is the mapping of',
  },
  {
    name: 'a pool whose user pool is a resource of the template: the mapping written with the same !GetAtt and !Ref is its mapping',
    template: poolTemplate({ openProvider: true, mappings: rules('Deny', rule('custom:dept', 'Equals', 'sales', SALES_ARN)).replace(`IdentityProvider: ${MAPPING_KEY}`, "IdentityProvider: !Join [':', [!GetAtt UserPool.ProviderName, !Ref Client]]") }), identity: token({ 'custom:dept': 'sales' }), action: GET, resource: SALES,
    expectRole: { id: 'SalesRole', by: 'rules', rule: 1 }, rules: ['matched'], trust: 'allowed', decision: 'allowed', sids: ['ReadSales'],
    reason: 'made of the same references as the pool\'s provider !GetAtt UserPool.ProviderName, the one this login comes from.',
  },
  // ---- principal tags
  {
    name: 'principal tags for the user pool resource (IdentityProviderName !GetAtt UserPool.ProviderName) apply to its tokens',
    template: poolTemplate({ openProvider: true, tagSession: true, principalTags: CUSTOM_TAGS.replace(`IdentityProviderName: ${USER_POOL}`, 'IdentityProviderName: !GetAtt UserPool.ProviderName') }), identity: token({ 'custom:dept': 'sales' }), action: GET, resource: 'arn:aws:s3:::photos/teams/sales/plan.pdf',
    expectRole: { id: 'AuthRole', by: 'default' }, principalTags: { department: 'sales' }, trust: 'allowed', decision: 'allowed', sids: ['ReadTeam'],
    reason: 'The principal tag map "Tags" is for !GetAtt UserPool.ProviderName: the pool\'s provider !GetAtt UserPool.ProviderName, the one this login comes from.',
  },
  {
    name: 'custom principal tags with sts:TagSession in the trust: the claim becomes aws:PrincipalTag/department',
    template: poolTemplate({ principalTags: CUSTOM_TAGS, tagSession: true }), identity: token({ 'custom:dept': 'sales' }), action: GET, resource: 'arn:aws:s3:::photos/teams/sales/plan.pdf',
    expectRole: { id: 'AuthRole', by: 'default' }, principalTags: { department: 'sales' }, trust: 'allowed', decision: 'allowed', sids: ['ReadTeam'],
    reason: 'Principal tag "department" = "sales" (the token\'s custom:dept)',
  },
  {
    name: 'custom principal tags without sts:TagSession in the trust: the credentials call fails',
    template: poolTemplate({ principalTags: CUSTOM_TAGS }), identity: token({ 'custom:dept': 'sales' }), action: GET, resource: 'arn:aws:s3:::photos/teams/sales/plan.pdf',
    expectRole: { id: 'AuthRole', by: 'default' }, principalTags: { department: 'sales' }, trust: 'denied', decision: 'implicit-deny', sids: [],
    reason: 'allows sts:TagSession, which the pool needs to pass the principal tags aws:PrincipalTag/department',
  },
  {
    name: 'a principal tag whose claim the token lacks is not set: no tag, no TagSession needed, no access by it',
    template: poolTemplate({ principalTags: CUSTOM_TAGS }), identity: token(), action: GET, resource: 'arn:aws:s3:::photos/teams/sales/plan.pdf',
    expectRole: { id: 'AuthRole', by: 'default' }, trust: 'allowed', decision: 'implicit-deny', sids: [],
    reason: 'Principal tag "department" is not set: the token has no claim custom:dept.',
  },
  {
    name: 'a principal tag from a list claim (cognito:groups): how Cognito turns it into a tag value is not documented',
    template: poolTemplate({ principalTags: CUSTOM_TAGS.replace("'custom:dept'", "'cognito:groups'"), tagSession: true }), identity: token({ 'cognito:groups': ['sales'] }), action: GET, resource: 'arn:aws:s3:::photos/teams/sales/plan.pdf',
    expectRole: { id: 'AuthRole', by: 'default' }, trust: null, decision: 'implicit-deny', sids: [], uncertain: true,
    reason: 'Principal tag "department" comes from the token\'s cognito:groups, which is a list: how Cognito turns it into a tag value is not documented.',
  },
  {
    name: 'default principal tags (UseDefaults) with sts:TagSession: username from sub, client from aud',
    template: poolTemplate({ principalTags: DEFAULT_TAGS, tagSession: true }), identity: token(), action: GET, resource: `arn:aws:s3:::photos/users/${SUB}/a.jpg`,
    expectRole: { id: 'AuthRole', by: 'default' }, principalTags: { username: SUB, client: CLIENT }, trust: 'allowed', decision: 'allowed', sids: ['ReadOwn'],
    reason: 'uses the default mappings',
  },
  {
    name: 'default principal tags without sts:TagSession: the credentials call fails',
    template: poolTemplate({ principalTags: DEFAULT_TAGS }), identity: token(), action: GET, resource: `arn:aws:s3:::photos/users/${SUB}/a.jpg`,
    expectRole: { id: 'AuthRole', by: 'default' }, principalTags: { username: SUB, client: CLIENT }, trust: 'denied', decision: 'implicit-deny', sids: [],
    reason: 'No statement of the trust policy of role "AuthRole" allows sts:TagSession',
  },
  {
    name: 'principal tags of another provider do not apply: a Google sign-in gets none',
    template: poolTemplate({ principalTags: CUSTOM_TAGS }), identity: { claims: { iss: 'https://accounts.google.com', aud: '620493171733-example.apps.googleusercontent.com', sub: '1092200634', 'custom:dept': 'sales' }, as: 'token' }, action: GET, resource: PUBLIC,
    expectRole: { id: 'AuthRole', by: 'default' }, trust: 'allowed', decision: 'allowed', sids: ['ReadPublic'],
    reason: 'Signed in through accounts.google.com (the token\'s iss "https://accounts.google.com").',
  },
  // ---- the basic (classic) flow
  {
    name: 'the basic flow is refused when the pool does not allow it (AllowClassicFlow not set)',
    template: poolTemplate(), identity: token(), flow: 'basic', role: 'AuthRole', action: GET, resource: PUBLIC,
    expectRole: null, trust: null, decision: 'implicit-deny', sids: [],
    reason: 'The basic (classic) flow is off for identity pool "IdentityPool" (AllowClassicFlow not set, false by default)',
  },
  {
    name: 'the basic flow with AllowClassicFlow: the app names the role, its trust policy decides',
    template: poolTemplate({ classic: true, mappings: tokenMapping('Deny') }), identity: token(), flow: 'basic', role: 'AdminRole', action: DELETE, resource: PUBLIC,
    expectRole: { id: 'AdminRole', by: 'app' }, trust: 'allowed', decision: 'allowed', sids: ['AdminAll'],
    reason: 'the pool\'s default roles and role mappings do not apply, only the role\'s trust policy decides.',
  },
  {
    name: "the basic flow for a guest: the guest role's trust admits it and no scope-down session policy applies",
    template: poolTemplate({ guests: true, classic: true }), identity: 'guest', flow: 'basic', role: 'GuestRole', action: GET, resource: PUBLIC,
    expectRole: { id: 'GuestRole', by: 'app' }, trust: 'allowed', decision: 'allowed', sids: ['GuestReadPublic'],
    reason: 'Basic flow: no session policy scopes the guest credentials down.',
  },
  {
    name: "the basic flow: a signed-in identity cannot assume the guest role (its trust wants amr unauthenticated)",
    template: poolTemplate({ guests: true, classic: true }), identity: token(), flow: 'basic', role: 'GuestRole', action: GET, resource: PUBLIC,
    expectRole: { id: 'GuestRole', by: 'app' }, trust: 'denied', decision: 'implicit-deny', sids: [],
    reason: 'No statement of the trust policy of role "GuestRole" lets this identity call sts:AssumeRoleWithWebIdentity',
  },
];

/** A JWT of the claims, as a user pool would issue it (the signature part is not checked and left empty). */
export function jwtOf(claims: Readonly<Record<string, unknown>>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.`;
}
