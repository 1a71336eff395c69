/**
 * The workspace model of identity-pool roles, across documents: which trust policy and which permission
 * policies belong to one role, which identity pool the role is attached to and as which role (authenticated,
 * unauthenticated, or chosen by a role-mapping rule), and the pools' own settings. The cross-document rules
 * (checks/roles.ts) work on this model only, never on a template, so any source can fill it: a CloudFormation
 * template (sources/cloudformation/roles.ts) or a setting that maps standalone policy files to roles.
 *
 * Every part says which document it comes from (`DocumentId`, chosen by the host: a URI, a path) and its range
 * there, so a finding in one document can point at the other (`Finding.related[].document`).
 */
import { userPoolIdOfProvider } from '../cognito/knowledge';
import { letsIdentityPoolsAssume } from '../iam/principals';
import { admits } from '../iam/trustAdmission';
import type { PolicyDocument, PolicyVariant, Range } from './policy';

/**
 * What a host knows about the role a policy belongs to (from CloudFormation, settings, ...). Present: the
 * policy is a permission policy of an identity-pool role; `role` says which one when known.
 */
export interface IdentityPoolContext {
  readonly role?: 'authenticated' | 'guest';
}

/** The host's name for a document (a URI or a path); one template is one document. */
export type DocumentId = string;

export interface Located {
  readonly document: DocumentId;
  readonly range: Range;
}

/** A policy of the model: its parsed document (ranges are offsets into `document`'s text) and a name for messages. */
export interface PolicySource extends Located {
  readonly policy: PolicyDocument;
  /** For messages: `the inline policy "ReadOwnPhotos"`, `the managed policy "GuestPolicy"`, a file name. */
  readonly name: string;
  /**
   * A template's readings of the policy under each condition of its `Fn::If`s around whole parts (`policy` has
   * them open): the rules across documents run on each reading (analyze/variants.ts).
   */
  readonly variants?: readonly PolicyVariant[];
}

export interface RoleModel extends Located {
  /** The role's name in its source: a template's logical ID, a setting's role name. */
  readonly id: string;
  readonly trust?: PolicySource;
  readonly permissions: readonly PolicySource[];
  /**
   * The policies attached to the role that its source does not read, as a message names them (`the managed
   * policy arn:aws:iam::aws:policy/AmazonS3FullAccess`, `the policy "aws_iam_role_policy.a"` when Terraform
   * computes it): what they allow is not known here, so nothing may say the role allows nothing.
   */
  readonly unread?: readonly string[];
  /**
   * The role's IAM tag keys: `aws:PrincipalTag/<key>` is set from them too, not only from session tags.
   * Undefined when the source cannot say (tags built with intrinsic functions).
   */
  readonly tagKeys?: readonly string[];
  /** Literal names the role is known by besides its id (a template's RoleName), to match role ARNs. */
  readonly names: readonly string[];
}

/** A boolean setting as written: `value` undefined when it is an intrinsic function or not a boolean. */
export interface LocatedFlag extends Located {
  readonly value: boolean | undefined;
}

/** A string setting as written: `value` undefined when it is not literal text (an intrinsic function, a number). */
export interface LocatedText extends Located {
  readonly value: string | undefined;
  /** As written, for messages (`!Ref UserPool`, `"Rules"`). */
  readonly text: string;
  /**
   * When `value` is unknown: the template names the value is made of (`UserPool.ProviderName`, `Client`), so two
   * values written with the same references can be told to name the same thing.
   */
  readonly refs?: readonly string[];
}

/**
 * A login provider the pool accepts: a user pool app client (`CognitoIdentityProviders`), a public provider
 * (`SupportedLoginProviders`: Facebook, Google, ...), an OIDC or SAML provider (by IAM provider ARN), or the
 * developer provider. `name` is the provider's name in the Logins map when the source writes it literally.
 */
export interface PoolProviderModel extends Located {
  readonly kind: 'user-pool' | 'public' | 'oidc' | 'saml' | 'developer';
  readonly name: LocatedText;
  /** A user pool's app client ID, or a public provider's app ID (as written). */
  readonly clientId?: LocatedText;
}

export interface IdentityPoolModel extends Located {
  /** The pool's name in its source (a template's logical ID). */
  readonly id: string;
  /** The pool ID (`<region>:<guid>`) when the source knows it; a template's pool gets its ID on creation. */
  readonly poolId?: string;
  readonly allowUnauthenticated?: LocatedFlag;
  readonly allowClassicFlow?: LocatedFlag;
  /**
   * The login providers the pool is configured for, in source order; undefined when the source cannot list
   * them all (a list or map written with intrinsic functions) or does not say (settings).
   */
  readonly providers?: readonly PoolProviderModel[];
}

/** Which identity pool a value names: a pool of the model (`poolModelId`), a literal pool ID, or neither (unknown). */
export interface PoolReference extends Located {
  readonly poolModelId?: string;
  readonly poolId?: string;
  /** The value as written, for messages (`Ref IdentityPool`, `us-east-1:...`). */
  readonly text: string;
}

/** Which role a value names: a role of the model (`roleId`) or unknown (an ARN of a role defined elsewhere). */
export interface RoleReference extends Located {
  readonly roleId?: string;
  readonly text: string;
}

export type AttachedAs = 'authenticated' | 'unauthenticated';

/** One rule of a `Rules` mapping: each part as written (`value` undefined when not literal text). */
export interface RoleMappingRuleModel extends Located {
  readonly claim?: LocatedText;
  /** `Equals`, `Contains`, `StartsWith` or `NotEqual` (as written: another value is kept, and is no match type). */
  readonly matchType?: LocatedText;
  readonly value?: LocatedText;
  readonly role?: RoleReference;
}

export interface RoleMappingModel extends Located {
  /** The provider the mapping is for, for messages: its IdentityProvider as written, else its key. */
  readonly provider: string;
  /**
   * The provider's name when the source writes it literally (IdentityProvider, or the key without one), e.g.
   * `cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client`; undefined when it is an intrinsic function.
   */
  readonly providerName?: string;
  /** When `providerName` is unknown: the template names its IdentityProvider is made of (LocatedText.refs). */
  readonly providerRefs?: readonly string[];
  /** The mapping's key in RoleMappings (a template's): the provider's name when IdentityProvider is not given. */
  readonly key: string;
  /** `Token` or `Rules` as written. */
  readonly type?: LocatedText;
  /** `AuthenticatedRole` or `Deny` as written. */
  readonly ambiguousRoleResolution?: LocatedText;
  /** Each rule of a `Rules` mapping, in order (undefined when the rules are not a literal list). */
  readonly rules?: readonly RoleMappingRuleModel[];
  /** The roles the rules choose: only authenticated identities are mapped by rules. */
  readonly ruleRoles: readonly RoleReference[];
}

/**
 * Principal tags (attributes for access control) of one provider of a pool: `PrincipalTags` maps a tag key to
 * the claim whose value the tag gets; `UseDefaults` takes the provider's default map instead.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-identitypoolprincipaltag.html
 */
export interface PrincipalTagMapModel extends Located {
  /** The map's name in its source (a template's logical ID). */
  readonly id: string;
  readonly pool: PoolReference;
  readonly provider: LocatedText;
  readonly useDefaults?: LocatedFlag;
  /** Tag key to claim, in source order; undefined when the map is not literal (an intrinsic function). */
  readonly tags?: readonly { readonly key: string; readonly claim: string; readonly range: Range }[];
}

export interface RoleAttachmentModel extends Located {
  readonly id: string;
  readonly pool: PoolReference;
  /** The default roles: `authenticated` and `unauthenticated` (guests). */
  readonly roles: readonly { readonly as: AttachedAs; readonly role: RoleReference }[];
  readonly mappings: readonly RoleMappingModel[];
}

/**
 * A user pool group (`AWS::Cognito::UserPoolGroup`): a Token role mapping for its user pool hands its members the
 * group's role (the ID token's `cognito:roles` / `cognito:preferred_role`).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolgroup.html
 */
export interface UserPoolGroupModel extends Located {
  /** The group's name in its source (a template's logical ID). */
  readonly id: string;
  /** Its user pool: a literal user pool ID, or a reference (`!Ref UserPool`, whose `refs` name the pool resource). */
  readonly userPool: LocatedText;
  readonly role?: RoleReference;
}

export interface RoleWorkspace {
  readonly roles: readonly RoleModel[];
  readonly pools: readonly IdentityPoolModel[];
  readonly attachments: readonly RoleAttachmentModel[];
  /** The principal tag maps; undefined when the source has none to say (settings). */
  readonly principalTags?: readonly PrincipalTagMapModel[];
  /** The user pool groups with their roles; undefined when the source has none to say (settings). */
  readonly groups?: readonly UserPoolGroupModel[];
}

export function roleById(ws: RoleWorkspace, id: string | undefined): RoleModel | undefined {
  return id === undefined ? undefined : ws.roles.find((r) => r.id === id);
}

export function poolById(ws: RoleWorkspace, id: string | undefined): IdentityPoolModel | undefined {
  return id === undefined ? undefined : ws.pools.find((p) => p.id === id);
}

/** How an attachment gives a role: as a default role, by a role-mapping rule, or through a Token mapping's user pool group. */
export type AttachedBy = 'default' | 'rule' | 'token';

export interface RoleUse {
  readonly as: AttachedAs;
  readonly by: AttachedBy;
  readonly attachment: RoleAttachmentModel;
  readonly reference: RoleReference;
  /** `by: 'token'`: the group whose role it is. */
  readonly group?: UserPoolGroupModel;
}

/**
 * How a role is used by identity pools: every attachment entry, every role-mapping rule that names it, and every
 * user pool group whose role a Token mapping of the group's user pool hands out.
 */
export function attachmentsOf(ws: RoleWorkspace, roleId: string): RoleUse[] {
  const out: RoleUse[] = [];
  for (const attachment of ws.attachments) {
    for (const r of attachment.roles) if (r.role.roleId === roleId) out.push({ as: r.as, by: 'default', attachment, reference: r.role });
    for (const m of attachment.mappings) {
      for (const r of m.ruleRoles) if (r.roleId === roleId) out.push({ as: 'authenticated', by: 'rule', attachment, reference: r });
      for (const g of tokenGroupsOf(ws, m))
        if (g.role?.roleId === roleId) out.push({ as: 'authenticated', by: 'token', attachment, reference: g.role, group: g });
    }
  }
  return out;
}

/**
 * The user pool groups whose roles a Token mapping hands out: the groups of the mapping's user pool, named
 * literally (`cognito-idp.<region>.amazonaws.com/<userPoolId>:<client>` and `UserPoolId: <userPoolId>`) or by the
 * same resource (`!Ref UserPool` in the group, `UserPool.ProviderName` or `${UserPool}` in the mapping's provider).
 */
export function tokenGroupsOf(ws: RoleWorkspace, mapping: RoleMappingModel): UserPoolGroupModel[] {
  if (mapping.type?.value !== 'Token') return [];
  const literalPool = mapping.providerName === undefined ? undefined : userPoolIdOfProvider(mapping.providerName);
  const refs = new Set(mapping.providerRefs ?? []);
  return (ws.groups ?? []).filter((g) => {
    if (g.userPool.value !== undefined) return literalPool !== undefined && g.userPool.value === literalPool;
    const pool = g.userPool.refs?.length === 1 ? g.userPool.refs[0] : undefined;
    return pool !== undefined && !pool.includes('.') && (refs.has(pool) || refs.has(`${pool}.ProviderName`));
  });
}

/** Whether the attachment's pool is known to have guest access off (AllowUnauthenticatedIdentities false). */
export function guestAccessOff(ws: RoleWorkspace, attachment: RoleAttachmentModel): boolean {
  return poolById(ws, attachment.pool.poolModelId)?.allowUnauthenticated?.value === false;
}

/**
 * What the model says about a role's permission policies for the single-document checks: a guest role when any
 * pool hands it to unauthenticated identities (guest rules apply), an authenticated one when pools use it only
 * for signed-in identities; when no attachment names it, a guest role when its trust policy admits guests
 * (`amr` "unauthenticated") and no signed-in identity; an identity-pool role of unknown kind when it is not
 * attached (or only as the guest role of a pool with guest access off) but its trust policy trusts identity
 * pools, and nothing otherwise.
 */
/** Whether a trust policy surely admits guests and surely no signed-in identity (iam/trustAdmission.ts). */
function admitsOnlyGuests(trust: PolicyDocument): boolean {
  return admits(trust, 'guest').admits === true && admits(trust, 'authenticated').admits === false;
}

export function identityPoolContextOf(ws: RoleWorkspace, role: RoleModel): IdentityPoolContext | undefined {
  // A guest role of a pool whose guest access is off hands out no credentials: it is no guest role (yet).
  const uses = attachmentsOf(ws, role.id).filter((u) => !(u.as === 'unauthenticated' && guestAccessOff(ws, u.attachment)));
  if (uses.some((u) => u.as === 'unauthenticated')) return { role: 'guest' };
  if (uses.length > 0) return { role: 'authenticated' };
  if (!role.trust || !letsIdentityPoolsAssume(role.trust.policy)) return undefined;
  // Named by no attachment: a trust policy that admits guests and no signed-in identity makes it a guest role.
  if (attachmentsOf(ws, role.id).length === 0 && admitsOnlyGuests(role.trust.policy)) return { role: 'guest' };
  return {};
}
