/**
 * A template's roles, identity pools and role attachments as the workspace role model (model/roles.ts), and
 * its embedded policies as policy documents (offsets into the template text):
 * - AWS::IAM::Role: AssumeRolePolicyDocument (trust), Policies[].PolicyDocument, ManagedPolicyArns, Tags, RoleName
 * - AWS::IAM::Policy, AWS::IAM::ManagedPolicy: PolicyDocument and Roles; AWS::IAM::RolePolicy: PolicyDocument and RoleName
 * - AWS::Cognito::IdentityPool: AllowUnauthenticatedIdentities, AllowClassicFlow, the providers (CognitoIdentityProviders,
 *   SupportedLoginProviders, OpenIdConnectProviderARNs, SamlProviderARNs, DeveloperProviderName)
 * - AWS::Cognito::IdentityPoolRoleAttachment: IdentityPoolId, Roles (authenticated/unauthenticated), RoleMappings
 *   (IdentityProvider, Type, AmbiguousRoleResolution, each rule's Claim, MatchType, Value and RoleARN)
 * - AWS::Cognito::IdentityPoolPrincipalTag: IdentityPoolId, IdentityProviderName, PrincipalTags, UseDefaults
 * - AWS::Cognito::UserPoolGroup: UserPoolId, RoleArn (the roles a Token mapping hands out)
 * A value written with intrinsic functions the template leaves open stays unknown (`LocatedText.value` undefined).
 * References are resolved where the template makes that possible: `Ref`/`Fn::GetAtt Arn` of a role, `Ref` of
 * a managed policy (its ARN), `Ref`/`Fn::GetAtt Id` of an identity pool (its ID), a literal role ARN whose name
 * is a role's literal RoleName.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-identitypoolroleattachment.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-identitypool.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-identitypoolprincipaltag.html
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { ATTACHED_ROLE_KEYS, oidcProviderNameOfArn } from '../../cognito/knowledge';
import { objectElements, policyFromTree } from '../../parse/parsePolicy';
import { rangeOf, type PolicyDocument, type PolicyVariant, type Range } from '../../model/policy';
import type {
  AttachedAs,
  DocumentId,
  IdentityPoolModel,
  LocatedFlag,
  LocatedText,
  PolicySource,
  PoolProviderModel,
  PrincipalTagMapModel,
  PoolReference,
  RoleAttachmentModel,
  RoleMappingModel,
  RoleMappingRuleModel,
  RoleModel,
  RoleReference,
  RoleWorkspace,
  UserPoolGroupModel,
} from '../../model/roles';
import { evaluateString, normalizePolicyTree, policyVariants } from './intrinsics';
import { wholeReference, type TemplateReference } from '../../model/references';
import { valueOf, type ParsedTemplate, type TemplateResource } from './parseTemplate';

export const ROLE_TYPE = 'AWS::IAM::Role';
const POLICY_TYPE = 'AWS::IAM::Policy';
const MANAGED_POLICY_TYPE = 'AWS::IAM::ManagedPolicy';
const ROLE_POLICY_TYPE = 'AWS::IAM::RolePolicy';
export const IDENTITY_POOL_TYPE = 'AWS::Cognito::IdentityPool';
const ATTACHMENT_TYPE = 'AWS::Cognito::IdentityPoolRoleAttachment';
const PRINCIPAL_TAG_TYPE = 'AWS::Cognito::IdentityPoolPrincipalTag';
const USER_POOL_GROUP_TYPE = 'AWS::Cognito::UserPoolGroup';

/** A policy document written inside a template. */
export interface EmbeddedPolicy {
  /** The policy document's node in the template. */
  readonly range: Range;
  readonly kind: 'identity' | 'trust';
  /** The parsed policy; its ranges are offsets into the template text. */
  readonly document: PolicyDocument;
  /** The logical ID of the resource that declares it. */
  readonly resource: string;
  /** Where it is: `["Resources", "AuthRole", "Properties", "Policies", 0, "PolicyDocument"]`. */
  readonly path: readonly (string | number)[];
  /** For messages: `the inline policy "ReadOwnPhotos" of role "AuthRole"`. */
  readonly name: string;
  /** Logical IDs of the roles it belongs to. */
  readonly roles: readonly string[];
  /** Its readings under each `Fn::If` condition around whole parts, when it has such (`document` has them open). */
  readonly variants?: readonly PolicyVariant[];
}

export interface TemplateModel {
  readonly workspace: RoleWorkspace;
  readonly policies: readonly EmbeddedPolicy[];
}

interface MutableEmbedded extends EmbeddedPolicy {
  roles: string[];
}

/** The role model and the embedded policies of a template; `document` names the template in the model. */
export function templateModel(template: ParsedTemplate, document: DocumentId = ''): TemplateModel {
  const { text } = template;
  const byId = new Map(template.resources.map((r) => [r.logicalId, r]));
  const isType = (id: string | undefined, type: string) => id !== undefined && byId.get(id)?.type === type;
  const roleResources = template.resources.filter((r) => r.type === ROLE_TYPE);
  const roleNames = new Map<string, string>(); // literal RoleName -> logical ID
  for (const r of roleResources) {
    const name = literalString(property(r, 'RoleName'));
    if (name !== undefined) roleNames.set(name, r.logicalId);
  }

  const policies: MutableEmbedded[] = [];
  const embed = (
    resource: TemplateResource,
    node: JsonNode | undefined,
    path: (string | number)[],
    kind: 'identity' | 'trust',
    name: string,
  ): MutableEmbedded | undefined => {
    if (node?.type !== 'object') return undefined; // a JSON string or an intrinsic function: not analysed
    const policy = policyFromTree(text, normalizePolicyTree(node, text), { kind });
    // `Fn::If` around whole parts: the checks read the policy as each branch makes it.
    const variants = policyVariants(node, text)?.map((v): PolicyVariant => ({
      condition: v.condition,
      value: v.value,
      document: v.tree && policyFromTree(text, v.tree, { kind }),
      chosen: v.chosen,
    }));
    const embedded: MutableEmbedded = {
      range: rangeOf(node),
      kind,
      document: policy,
      ...(variants && { variants }),
      resource: resource.logicalId,
      path: ['Resources', resource.logicalId, 'Properties', ...path],
      name,
      roles: [],
    };
    policies.push(embedded);
    return embedded;
  };

  /** The role a value names: Ref or GetAtt of a role resource, or a role ARN/name that is a literal RoleName. */
  const roleReference = (node: JsonNode): RoleReference => {
    const ev = evaluateString(node, text);
    const shown = writtenAs(template, node, ev.value, ev.exact);
    const reference = ev.exact ? undefined : referenceOf(node, text);
    let roleId: string | undefined;
    if (reference && isType(reference.logicalId, ROLE_TYPE) && (reference.attribute === undefined || reference.attribute === 'Arn'))
      roleId = reference.logicalId;
    else if (ev.exact) roleId = roleNames.get(roleNameOfArn(ev.value));
    return { document, range: rangeOf(node), roleId, text: shown };
  };

  const trusts = new Map<string, MutableEmbedded>();
  const permissions = new Map<string, MutableEmbedded[]>();
  // The policies attached to a role that the template does not hold (an AWS managed policy's ARN), and the
  // template's policies whose document it does not let us read.
  const unread = new Map<string, string[]>();
  const unreadPolicies = new Map<string, string>();
  const addUnread = (roleId: string, what: string) => {
    const list = unread.get(roleId) ?? [];
    if (!list.includes(what)) list.push(what);
    unread.set(roleId, list);
  };
  const addPermission = (roleId: string, p: MutableEmbedded) => {
    if (!p.roles.includes(roleId)) p.roles.push(roleId);
    const list = permissions.get(roleId) ?? [];
    if (!list.includes(p)) list.push(p);
    permissions.set(roleId, list);
  };
  const managed = new Map<string, MutableEmbedded>();
  const managedLinks: [roleId: string, policyId: string][] = [];

  for (const r of template.resources) {
    switch (r.type) {
      case ROLE_TYPE: {
        const trust = embed(r, property(r, 'AssumeRolePolicyDocument'), ['AssumeRolePolicyDocument'], 'trust', `the trust policy of role "${r.logicalId}"`);
        if (trust) {
          trust.roles.push(r.logicalId);
          trusts.set(r.logicalId, trust);
        }
        const inline = property(r, 'Policies');
        (inline?.type === 'array' ? (inline.children ?? []) : []).forEach((item, i) => {
          const parts = objectElements(item);
          const policyName = literalString(valueOf(parts, 'PolicyName'));
          const p = embed(
            r,
            valueOf(parts, 'PolicyDocument'),
            ['Policies', i, 'PolicyDocument'],
            'identity',
            `the inline policy ${policyName ? `"${policyName}"` : i + 1} of role "${r.logicalId}"`,
          );
          if (p) addPermission(r.logicalId, p);
          else if (valueOf(parts, 'PolicyDocument')) addUnread(r.logicalId, `the inline policy ${policyName ? `"${policyName}"` : i + 1}`);
        });
        const arns = property(r, 'ManagedPolicyArns');
        // A list the template computes (`!Ref Arns`, `!If`): managed policies not known here.
        if (arns && arns.type !== 'array') addUnread(r.logicalId, 'the managed policies ManagedPolicyArns gives');
        for (const arn of listItems(arns)) {
          const ref = referenceOf(arn, text);
          if (ref && ref.attribute === undefined && isType(ref.logicalId, MANAGED_POLICY_TYPE)) managedLinks.push([r.logicalId, ref.logicalId]);
          else addUnread(r.logicalId, `the managed policy ${literalString(arn) ?? 'that ManagedPolicyArns names'}`);
        }
        break;
      }
      case POLICY_TYPE:
      case MANAGED_POLICY_TYPE:
      case ROLE_POLICY_TYPE: {
        const what = r.type === MANAGED_POLICY_TYPE ? 'managed policy' : 'policy';
        const p = embed(r, property(r, 'PolicyDocument'), ['PolicyDocument'], 'identity', `the ${what} "${r.logicalId}"`);
        // A document the template does not let us read (a JSON string, an intrinsic function): not known here.
        if (!p) unreadPolicies.set(r.logicalId, `the ${what} "${r.logicalId}"`);
        if (r.type === MANAGED_POLICY_TYPE && p) managed.set(r.logicalId, p);
        const targets = r.type === ROLE_POLICY_TYPE ? [property(r, 'RoleName')].filter((n): n is JsonNode => !!n) : listItems(property(r, 'Roles'));
        for (const t of targets) {
          // Roles and RoleName take role names: Ref of a role returns its name.
          const ref = referenceOf(t, text);
          const roleId = ref
            ? ref.attribute === undefined && isType(ref.logicalId, ROLE_TYPE)
              ? ref.logicalId
              : undefined
            : roleNames.get(literalString(t) ?? '');
          if (roleId && p) addPermission(roleId, p);
          else if (roleId) addUnread(roleId, `the ${what} "${r.logicalId}"`);
        }
        break;
      }
    }
  }
  for (const [roleId, policyId] of managedLinks) {
    const p = managed.get(policyId);
    if (p) addPermission(roleId, p);
    else if (unreadPolicies.has(policyId)) addUnread(roleId, unreadPolicies.get(policyId)!);
  }

  const source = (p: MutableEmbedded): PolicySource => ({
    document,
    range: p.range,
    policy: p.document,
    name: p.name,
    ...(p.variants && { variants: p.variants }),
  });
  const roles: RoleModel[] = roleResources.map((r) => {
    const trust = trusts.get(r.logicalId);
    const name = literalString(property(r, 'RoleName'));
    return {
      id: r.logicalId,
      document,
      range: r.keyRange,
      trust: trust ? source(trust) : undefined,
      permissions: (permissions.get(r.logicalId) ?? []).map(source),
      ...(unread.has(r.logicalId) && { unread: unread.get(r.logicalId) }),
      tagKeys: tagKeysOf(property(r, 'Tags')),
      names: name !== undefined ? [name] : [],
    };
  });

  const pools: IdentityPoolModel[] = template.resources
    .filter((r) => r.type === IDENTITY_POOL_TYPE)
    .map((r) => ({
      id: r.logicalId,
      document,
      range: r.keyRange,
      allowUnauthenticated: flag(document, property(r, 'AllowUnauthenticatedIdentities')),
      allowClassicFlow: flag(document, property(r, 'AllowClassicFlow')),
      providers: poolProviders(r),
    }));

  const attachments: RoleAttachmentModel[] = template.resources
    .filter((r) => r.type === ATTACHMENT_TYPE)
    .map((r) => {
      const poolNode = property(r, 'IdentityPoolId');
      const pool: PoolReference = poolNode
        ? poolReference(template, document, poolNode, (id) => isType(id, IDENTITY_POOL_TYPE))
        : { document, range: r.keyRange, text: '(no IdentityPoolId)' };
      const roleEntries: { as: AttachedAs; role: RoleReference }[] = [];
      for (const e of objectElements(property(r, 'Roles'))) {
        if (ATTACHED_ROLE_KEYS.includes(e.key) && e.value) roleEntries.push({ as: e.key as AttachedAs, role: roleReference(e.value) });
      }
      const mappings: RoleMappingModel[] = objectElements(property(r, 'RoleMappings')).map((m) => {
        const parts = objectElements(m.value);
        const rulesNode = valueOf(objectElements(valueOf(parts, 'RulesConfiguration')), 'Rules');
        const rules = rulesNode?.type === 'array' ? (rulesNode.children ?? []) : undefined;
        const ruleRoles: RoleReference[] = [];
        const ruleModels = rules?.map((rule): RoleMappingRuleModel => {
          const ruleParts = objectElements(rule);
          const arn = valueOf(ruleParts, 'RoleARN');
          const role = arn ? roleReference(arn) : undefined;
          if (role) ruleRoles.push(role);
          return {
            document,
            range: rangeOf(rule),
            claim: textOf(valueOf(ruleParts, 'Claim')),
            matchType: textOf(valueOf(ruleParts, 'MatchType')),
            value: textOf(valueOf(ruleParts, 'Value')),
            role,
          };
        });
        // The provider is IdentityProvider when given, else the key.
        const identityProvider = textOf(valueOf(parts, 'IdentityProvider'));
        return {
          document,
          range: m.keyRange,
          provider: identityProvider?.text ?? m.key,
          providerName: identityProvider ? identityProvider.value : m.key,
          ...(identityProvider?.refs && { providerRefs: identityProvider.refs }),
          key: m.key,
          type: textOf(valueOf(parts, 'Type')),
          ambiguousRoleResolution: textOf(valueOf(parts, 'AmbiguousRoleResolution')),
          rules: ruleModels,
          ruleRoles,
        };
      });
      return { id: r.logicalId, document, range: r.keyRange, pool, roles: roleEntries, mappings };
    });

  const principalTags: PrincipalTagMapModel[] = template.resources
    .filter((r) => r.type === PRINCIPAL_TAG_TYPE)
    .map((r) => {
      const poolNode = property(r, 'IdentityPoolId');
      const providerNode = property(r, 'IdentityProviderName');
      const tagsNode = property(r, 'PrincipalTags');
      return {
        id: r.logicalId,
        document,
        range: r.keyRange,
        pool: poolNode
          ? poolReference(template, document, poolNode, (id) => isType(id, IDENTITY_POOL_TYPE))
          : { document, range: r.keyRange, text: '(no IdentityPoolId)' },
        provider: textOf(providerNode) ?? { document, range: r.keyRange, value: undefined, text: '(no IdentityProviderName)' },
        useDefaults: flag(document, property(r, 'UseDefaults')),
        tags: tagMap(tagsNode),
      };
    });

  const groups: UserPoolGroupModel[] = template.resources
    .filter((r) => r.type === USER_POOL_GROUP_TYPE)
    .map((r) => {
      const roleNode = property(r, 'RoleArn');
      return {
        id: r.logicalId,
        document,
        range: r.keyRange,
        userPool: textOf(property(r, 'UserPoolId')) ?? { document, range: r.keyRange, value: undefined, text: '(no UserPoolId)' },
        ...(roleNode && { role: roleReference(roleNode) }),
      };
    });

  return { workspace: { roles, pools, attachments, principalTags, groups }, policies };

  /** A string property as written: its literal value (a Fn::Sub or Fn::Join of literal text counts), or unknown. */
  function textOf(node: JsonNode | undefined): LocatedText | undefined {
    if (!node) return undefined;
    if (node.type !== 'string' && node.type !== 'object')
      return { document, range: rangeOf(node), value: undefined, text: writtenAs(template, node, '', false) };
    const ev = evaluateString(node, template.text);
    const written = writtenAs(template, node, ev.value, ev.exact);
    return ev.exact
      ? { document, range: rangeOf(node), value: ev.value, text: written }
      : { document, range: rangeOf(node), value: undefined, text: written, refs: ev.refs };
  }

  /** PrincipalTags: a literal object of tag key to claim name; undefined when any part is not literal. */
  function tagMap(node: JsonNode | undefined): PrincipalTagMapModel['tags'] {
    if (!node) return [];
    if (node.type !== 'object') return undefined;
    const out: { key: string; claim: string; range: Range }[] = [];
    for (const e of objectElements(node)) {
      const claim = literalString(e.value);
      if (claim === undefined || !e.value || isIntrinsicKey(e.key)) return undefined;
      out.push({ key: e.key, claim, range: { start: e.keyRange.start, end: e.value.offset + e.value.length } });
    }
    return out;
  }

  /** The login providers of an AWS::Cognito::IdentityPool; undefined when one of its lists is not literal. */
  function poolProviders(r: TemplateResource): PoolProviderModel[] | undefined {
    const out: PoolProviderModel[] = [];
    const cognito = property(r, 'CognitoIdentityProviders');
    if (cognito) {
      if (cognito.type !== 'array') return undefined;
      for (const item of cognito.children ?? []) {
        const parts = objectElements(item);
        const name = textOf(valueOf(parts, 'ProviderName'));
        if (item.type !== 'object' || !name) return undefined;
        out.push({ kind: 'user-pool', document, range: rangeOf(item), name, clientId: textOf(valueOf(parts, 'ClientId')) });
      }
    }
    const logins = property(r, 'SupportedLoginProviders');
    if (logins) {
      if (logins.type !== 'object') return undefined;
      for (const e of objectElements(logins)) {
        if (isIntrinsicKey(e.key)) return undefined;
        const name: LocatedText = { document, range: e.keyRange, value: e.key, text: e.key };
        out.push({ kind: 'public', document, range: e.keyRange, name, clientId: textOf(e.value) });
      }
    }
    for (const [key, kind] of [
      ['OpenIdConnectProviderARNs', 'oidc'],
      ['SamlProviderARNs', 'saml'],
    ] as const) {
      const list = property(r, key);
      if (!list) continue;
      if (list.type !== 'array') return undefined;
      for (const item of list.children ?? []) {
        const arn = textOf(item);
        if (!arn) continue;
        // An OIDC provider is named by its issuer (the ARN's resource part), a SAML provider by its ARN.
        const value = arn.value === undefined ? undefined : kind === 'oidc' ? oidcProviderNameOfArn(arn.value) : arn.value;
        out.push({ kind, document, range: arn.range, name: { ...arn, value } });
      }
    }
    const developer = textOf(property(r, 'DeveloperProviderName'));
    if (developer) out.push({ kind: 'developer', document, range: developer.range, name: developer });
    return out;
  }
}

/** A key that makes an object an intrinsic function (`{"Fn::If": ...}`, `!Ref X`), not a map of names. */
function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

function property(r: TemplateResource, name: string): JsonNode | undefined {
  return valueOf(objectElements(r.properties), name);
}

function listItems(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

function literalString(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/** `Ref X` / `Fn::GetAtt X.Attr` (or a Fn::Sub of exactly one reference) as a reference; undefined otherwise. */
export function referenceOf(node: JsonNode, text: string): TemplateReference | undefined {
  const fn: unknown = node.type === 'object' && node.children?.length === 1 ? node.children[0].children?.[0]?.value : undefined;
  if (typeof fn !== 'string') return undefined;
  const ev = evaluateString(node, text);
  return wholeReference({ value: ev.value, intrinsic: { fn, exact: ev.exact, refs: ev.refs } });
}

/** The name part of a role ARN (`arn:aws:iam::123456789012:role/path/Name` -> `Name`), or the text itself. */
function roleNameOfArn(value: string): string {
  if (!value.startsWith('arn:')) return value;
  const slash = value.lastIndexOf('/');
  return slash >= 0 ? value.slice(slash + 1) : value;
}

/** The literal tag keys of a `Tags` list; undefined when a key is not literal text. */
function tagKeysOf(node: JsonNode | undefined): string[] | undefined {
  if (!node) return [];
  if (node.type !== 'array') return undefined;
  const keys: string[] = [];
  for (const tag of node.children ?? []) {
    const key = literalString(valueOf(objectElements(tag), 'Key'));
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return keys;
}

/** A boolean property: `true`/`false`, or the strings CloudFormation also accepts; undefined value otherwise. */
function flag(document: DocumentId, node: JsonNode | undefined): LocatedFlag | undefined {
  if (!node) return undefined;
  let value: boolean | undefined;
  if (node.type === 'boolean') value = node.value as boolean;
  else if (node.type === 'string' && ['true', 'false'].includes((node.value as string).toLowerCase())) value = (node.value as string).toLowerCase() === 'true';
  return { document, range: rangeOf(node), value };
}

function poolReference(template: ParsedTemplate, document: DocumentId, node: JsonNode, isPool: (id: string) => boolean): PoolReference {
  const ev = evaluateString(node, template.text);
  const text = writtenAs(template, node, ev.value, ev.exact);
  const range = rangeOf(node);
  if (ev.exact) return { document, range, poolId: ev.value, text };
  const ref = referenceOf(node, template.text);
  if (ref && isPool(ref.logicalId) && (ref.attribute === undefined || ref.attribute === 'Id')) return { document, range, poolModelId: ref.logicalId, text };
  return { document, range, text };
}

/** A value as the user wrote it, for messages: literal text, `!Ref X` (YAML) or `{"Ref": "X"}` (JSON). */
export function writtenAs(template: ParsedTemplate, node: JsonNode, value: string, exact: boolean): string {
  if (exact) return value;
  const fn: unknown = node.type === 'object' ? node.children?.[0]?.children?.[0]?.value : undefined;
  const ref = referenceOf(node, template.text);
  if (typeof fn === 'string' && ref) {
    const name = ref.attribute === undefined ? ref.logicalId : `${ref.logicalId}.${ref.attribute}`;
    if (template.format === 'yaml') return fn === 'Ref' ? `!Ref ${name}` : fn === 'Fn::GetAtt' ? `!GetAtt ${name}` : `!Sub "\${${name}}"`;
    return fn === 'Ref' ? `{"Ref": "${name}"}` : fn === 'Fn::GetAtt' ? `{"Fn::GetAtt": "${name}"}` : `{"Fn::Sub": "\${${name}}"}`;
  }
  return template.text.slice(node.offset, node.offset + node.length).split('\n')[0];
}
