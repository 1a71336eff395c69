/**
 * A .tf file's policies, and its roles, identity pools and role attachments as the workspace role model
 * (model/roles.ts), the way sources/cloudformation/roles.ts reads a template:
 * - `aws_iam_role`: `assume_role_policy` (trust), `inline_policy { policy }`, `managed_policy_arns`, `name`, `tags`
 * - `aws_iam_role_policy` (`role`), `aws_iam_policy` with `aws_iam_role_policy_attachment` (`role`, `policy_arn`)
 *   or `aws_iam_policy_attachment` (`roles`, `policy_arn`); `aws_iam_user_policy`, `aws_iam_group_policy`
 * - `aws_cognito_identity_pool`: `allow_unauthenticated_identities`, `allow_classic_flow`, its login providers
 * - `aws_cognito_identity_pool_roles_attachment`: `identity_pool_id`, `roles`, `role_mapping { identity_provider
 *   mapping_rule { role_arn } }`
 * - `aws_cognito_identity_pool_provider_principal_tag`: `identity_pool_id`, `identity_provider_name`,
 *   `principal_tags`, `use_defaults`
 * - `data "aws_iam_policy_document"`: read as a policy, and the trust or permission policy of the roles whose
 *   attribute refers to its `.json`.
 * References resolve inside the file: `aws_iam_role.x.arn` / `.name` / `.id`, `aws_iam_policy.p.arn`,
 * `aws_cognito_identity_pool.p.id`, `data.aws_iam_policy_document.d.json`, and a literal role name or ARN that is a
 * role's literal `name`. Model ids are Terraform's addresses (`aws_iam_role.authenticated`).
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_identity_pool_roles_attachment
 */
import type { MutableNode, PolicyDocument, Range } from '../../model/policy';
import { syntaxProblemData } from '../../model/policy';
import type {
  AttachedAs,
  DocumentId,
  IdentityPoolModel,
  LocatedFlag,
  LocatedText,
  PolicySource,
  PoolProviderModel,
  PoolReference,
  PrincipalTagMapModel,
  RoleAttachmentModel,
  RoleMappingModel,
  RoleMappingRuleModel,
  RoleModel,
  RoleReference,
  RoleWorkspace,
} from '../../model/roles';
import { oidcProviderNameOfArn } from '../../cognito/knowledge';
import { policyFromTree } from '../../parse/parsePolicy';
import type { Reported } from '../../rules/report';
import type { SourcePolicy } from '../source';
import { parseTemplateJson } from './heredocJson';
import { blockHead, bodyItems, childOfType, containsError, namedChildren, textOf, unwrap, type BlockHead, type HclNode } from './hclTree';
import { hclToJson } from './hclValues';
import { policyDocumentTree } from './policyDocument';
import { mergedDocuments, type MergeableDocument } from './mergedDocuments';
import { policyDocumentOutline, recoveredBlocks, recoveredJsonencode } from './recovery';
import { templateParts, templateValue } from './templates';
import { pushAll } from '../../text/lists';

/** The resources whose `policy` attribute is an identity policy, and whether they can belong to a role. */
const POLICY_RESOURCES = new Set(['aws_iam_role_policy', 'aws_iam_policy', 'aws_iam_user_policy', 'aws_iam_group_policy']);

export interface TerraformModel {
  readonly policies: readonly SourcePolicy[];
  readonly findings: readonly Reported[];
  /** Undefined when the file declares no role, pool or attachment. */
  readonly workspace?: RoleWorkspace;
}

interface ReadPolicy {
  readonly range: Range;
  readonly document: PolicyDocument;
  /** The file it is written in. */
  readonly documentId: DocumentId;
  readonly name: string;
  roles: string[];
  /** Being typed, read for the editing features only (recovery.ts): never checked, never a role's. */
  readonly editingOnly?: boolean;
}

/** A Terraform reference as written: `aws_iam_role.x.arn` is `aws_iam_role.x` and `arn`; data sources keep `data.`. */
interface Reference {
  readonly address: string;
  readonly attribute?: string;
}

interface Block {
  readonly file: ModuleFile;
  readonly node: HclNode;
  readonly head: BlockHead;
  /** `aws_iam_role.x`, `data.aws_iam_policy_document.d`. */
  readonly address: string;
  readonly attributes: ReturnType<typeof bodyItems>['attributes'];
  readonly blocks: ReturnType<typeof bodyItems>['blocks'];
}

/** A .tf file of the module: its parse tree, its text and its name in the role model. */
export interface ModuleFile {
  readonly root: HclNode;
  readonly text: string;
  readonly document: DocumentId;
}

/**
 * A file of the module by its name (`policy.json.tpl`, `policies/guest.json`), read as a policy of the given kind
 * by the function that names it (`templatefile()` renders a template, `file()` reads the text as it is): its id,
 * text and policy; undefined when the module has no such file or it holds no policy.
 */
export type TemplateReader = (
  name: string,
  kind: 'identity' | 'trust',
  variables: ReadonlyMap<string, string>,
  fn: 'file' | 'templatefile',
) => { readonly id: DocumentId; readonly text: string; readonly document: PolicyDocument; readonly template: boolean } | undefined;

/**
 * The policies of `primary` and the role model of all the files (one module: one folder's .tf files, whose
 * references resolve across them, and its template files, which `templatefile()` and `file()` name). Policies
 * and findings are those of `primary` (a .tf file of `files`, or a template file); the other files lend their
 * roles, pools, attachments and the policies that belong to roles.
 */
export function terraformModel(files: readonly ModuleFile[], primary: DocumentId = files[0].document, readTemplate?: TemplateReader): TerraformModel {
  const blocks: Block[] = [];
  for (const file of files) {
    const body = file.root.children.find((c) => c.type === 'body');
    for (const node of body?.children ?? []) {
      if (node.type !== 'block') continue;
      const head = blockHead(node, file.text);
      const [type, name] = head.labels;
      if ((head.type !== 'resource' && head.type !== 'data') || type === undefined || name === undefined) continue;
      const { attributes, blocks: inner } = bodyItems(head.body, file.text);
      blocks.push({ file, node, head, address: `${head.type === 'data' ? 'data.' : ''}${type}.${name}`, attributes, blocks: inner });
    }
  }
  const ofType = (type: string) => blocks.filter((b) => b.head.type === 'resource' && b.head.labels[0] === type);
  // The first declaration of an address wins (Terraform rejects a module that declares one twice).
  const byAddress = new Map<string, Block>();
  for (const b of blocks) if (!byAddress.has(b.address)) byAddress.set(b.address, b);

  const policies: ReadPolicy[] = [];
  const findings: Reported[] = [];
  const read = (b: Block, expression: HclNode | undefined, kind: 'identity' | 'trust', name: string): ReadPolicy | undefined => {
    const syntax: Reported[] = [];
    const p = expression && readPolicyValue(expression, b.file, kind, name, syntax);
    if (b.file.document === primary) pushAll(findings, syntax);
    if (p?.editingOnly) {
      if (b.file.document === primary) policies.push(p);
      return undefined;
    }
    if (p) policies.push(p);
    return p;
  };

  // Policy documents first: attributes of the resources refer to them.
  const documents = new Map<string, ReadPolicy>();
  const mergeable = new Map<string, MergeableDocument>();
  for (const b of blocks.filter((x) => x.head.type === 'data' && x.head.labels[0] === 'aws_iam_policy_document')) {
    if (containsError(b.node) || documents.has(b.address)) continue;
    const p = policyDocument(b.node, b.file, b.head.labels[1]);
    policies.push(p);
    documents.set(b.address, p);
    const [sources, overrides] = ['source_policy_documents', 'override_policy_documents'].map((name) => b.attributes.get(name)?.value);
    mergeable.set(b.address, { tree: p.document.root as MutableNode, file: b.file.document, sources, overrides });
  }
  // The documents they merge merged in (mergedDocuments.ts), where they can be.
  const documentAddress = (item: HclNode, text: string) => {
    const ref = referenceOf(item, text);
    return ref?.attribute === 'json' ? ref.address : undefined;
  };
  for (const [address, root] of mergedDocuments(mergeable, documentAddress, (id) => files.find((f) => f.document === id)!.text)) {
    const p = documents.get(address)!;
    const text = files.find((f) => f.document === p.documentId)!.text;
    const document = policyFromTree(text, root, { variableNotation: '&{', stringNotation: 'hcl' });
    const merged: ReadPolicy = { ...p, document: { ...document, hclBlocks: p.document.hclBlocks } };
    policies[policies.indexOf(p)] = merged;
    documents.set(address, merged);
  }
  // A policy document being typed in the file (a name standing alone makes its block an error): for completion.
  for (const file of files.filter((f) => f.document === primary)) {
    for (const node of recoveredBlocks(file.root)) {
      const head = blockHead(node, file.text);
      if (head.type === 'data' && head.labels[0] === 'aws_iam_policy_document' && head.labels[1] !== undefined)
        policies.push({ ...policyDocument(node, file, head.labels[1]), editingOnly: true });
    }
  }
  const templates = new Map<string, ReadPolicy | undefined>();
  /** The policy of a template file of the module (one per file and kind, whichever attributes name it). */
  const templatePolicy = (
    file: string,
    kind: 'identity' | 'trust',
    variables: ReadonlyMap<string, string>,
    fn: 'file' | 'templatefile',
  ): ReadPolicy | undefined => {
    const key = [fn, kind, file, ...[...variables].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flat()].join('\u0000');
    if (templates.has(key)) return templates.get(key);
    const t = readTemplate?.(file, kind, variables, fn);
    const p: ReadPolicy | undefined = t && {
      range: { start: 0, end: t.text.length },
      document: t.document,
      documentId: t.id,
      name: `the ${t.template ? 'template' : 'policy'} file "${file}"`,
      roles: [],
    };
    if (p) policies.push(p);
    templates.set(key, p);
    return p;
  };
  /** The policy an attribute holds: written there, a policy document's `.json`, or a template file's text. */
  const policyOf = (b: Block, expression: HclNode | undefined, kind: 'identity' | 'trust', name: string): ReadPolicy | undefined => {
    if (!expression) return undefined;
    const ref = referenceOf(expression, b.file.text);
    if (ref?.attribute === 'json') return documents.get(ref.address);
    const file = templateFileOf(expression, b.file.text);
    if (file !== undefined) return templatePolicy(file.name, kind, file.variables, file.fn);
    return read(b, expression, kind, name);
  };

  const roleBlocks = ofType('aws_iam_role');
  const roleNames = new Map<string, string>(); // literal name -> address
  for (const r of roleBlocks) {
    const name = literalOf(r.attributes.get('name')?.value, r.file.text);
    if (name !== undefined) roleNames.set(name, r.address);
  }
  /** The role an attribute names: a role's reference (any attribute: arn, name, id) or a literal name or ARN. */
  const roleAddress = (b: Block, expression: HclNode | undefined): string | undefined => {
    if (!expression) return undefined;
    const ref = referenceOf(expression, b.file.text);
    if (ref) return byAddress.get(ref.address)?.head.labels[0] === 'aws_iam_role' ? ref.address : undefined;
    const literal = literalOf(expression, b.file.text);
    return literal !== undefined ? roleNames.get(roleNameOfArn(literal)) : undefined;
  };

  const trusts = new Map<string, ReadPolicy>();
  const permissions = new Map<string, ReadPolicy[]>();
  // The policies attached to a role that the module does not let us read (computed, an AWS managed policy's ARN).
  const unread = new Map<string, string[]>();
  const addUnread = (role: string | undefined, what: string) => {
    if (!role) return;
    const list = unread.get(role) ?? [];
    if (!list.includes(what)) list.push(what);
    unread.set(role, list);
  };
  const addPermission = (role: string | undefined, p: ReadPolicy | undefined) => {
    if (!role || !p || p.document.kind === 'trust') return;
    if (!p.roles.includes(role)) p.roles.push(role);
    const list = permissions.get(role) ?? [];
    if (!list.includes(p)) list.push(p);
    permissions.set(role, list);
  };

  for (const r of roleBlocks) {
    const trust = policyOf(r, r.attributes.get('assume_role_policy')?.value, 'trust', `the trust policy of role "${r.address}"`);
    if (trust) {
      if (!trust.roles.includes(r.address)) trust.roles.push(r.address);
      trusts.set(r.address, trust);
    }
    for (const [i, inline] of r.blocks.filter((b) => b.head.type === 'inline_policy').entries()) {
      const attrs = bodyItems(inline.head.body, r.file.text).attributes;
      const name = literalOf(attrs.get('name')?.value, r.file.text);
      const what = `the inline policy ${name ? `"${name}"` : i + 1} of role "${r.address}"`;
      const policy = attrs.get('policy')?.value;
      const p = policyOf(r, policy, 'identity', what);
      if (p) addPermission(r.address, p);
      else if (policy) addUnread(r.address, what);
    }
  }
  const managed = new Map<string, ReadPolicy>();
  for (const type of POLICY_RESOURCES) {
    for (const b of ofType(type)) {
      const what = type === 'aws_iam_policy' ? 'managed policy' : 'policy';
      const p = policyOf(b, b.attributes.get('policy')?.value, 'identity', `the ${what} "${b.address}"`);
      if (type === 'aws_iam_policy' && p) managed.set(b.address, p);
      if (type !== 'aws_iam_role_policy') continue;
      const role = roleAddress(b, b.attributes.get('role')?.value);
      if (p) addPermission(role, p);
      else if (b.attributes.get('policy')?.value) addUnread(role, `the policy "${b.address}"`);
    }
  }
  const managedPolicy = (b: Block, expression: HclNode | undefined) => {
    const ref = expression && referenceOf(expression, b.file.text);
    return ref && (ref.attribute === 'arn' || ref.attribute === 'id') ? managed.get(ref.address) : undefined;
  };
  /** A managed policy attached to a role: the module's, read, or one it does not hold (an AWS managed policy's ARN). */
  const attachManaged = (role: string | undefined, b: Block, arn: HclNode | undefined) => {
    const p = managedPolicy(b, arn);
    if (p) addPermission(role, p);
    else if (arn) addUnread(role, `the managed policy ${literalOf(arn, b.file.text) ?? textOf(arn, b.file.text).trim()}`);
  };
  for (const r of roleBlocks) {
    const arns = r.attributes.get('managed_policy_arns')?.value;
    // A list Terraform computes (`var.arns`, `concat(...)`): managed policies not known here.
    if (arns && unwrap(arns).type !== 'tuple') addUnread(r.address, `the managed policies ${textOf(arns, r.file.text).trim()} gives`);
    for (const arn of listItems(arns)) attachManaged(r.address, r, arn);
  }
  for (const b of ofType('aws_iam_role_policy_attachment'))
    attachManaged(roleAddress(b, b.attributes.get('role')?.value), b, b.attributes.get('policy_arn')?.value);
  for (const b of ofType('aws_iam_policy_attachment')) {
    for (const role of listItems(b.attributes.get('roles')?.value)) attachManaged(roleAddress(b, role), b, b.attributes.get('policy_arn')?.value);
  }

  const source = (p: ReadPolicy): PolicySource => ({ document: p.documentId, range: p.range, policy: p.document, name: p.name });
  const roles: RoleModel[] = roleBlocks.map((r) => {
    const trust = trusts.get(r.address);
    const name = literalOf(r.attributes.get('name')?.value, r.file.text);
    return {
      id: r.address,
      document: r.file.document,
      range: nameRange(r),
      trust: trust ? source(trust) : undefined,
      permissions: (permissions.get(r.address) ?? []).map(source),
      ...(unread.has(r.address) && { unread: unread.get(r.address) }),
      tagKeys: tagKeysOf(r.attributes.get('tags')?.value, r.file.text),
      names: name !== undefined ? [name] : [],
    };
  });

  const pools: IdentityPoolModel[] = ofType('aws_cognito_identity_pool').map((p) => {
    const providers = poolProviders(p);
    return {
      id: p.address,
      document: p.file.document,
      range: nameRange(p),
      allowUnauthenticated: flagOf(p.file.document, p.attributes.get('allow_unauthenticated_identities')?.value, p.file.text),
      allowClassicFlow: flagOf(p.file.document, p.attributes.get('allow_classic_flow')?.value, p.file.text),
      ...(providers && { providers }),
    };
  });

  // `aws_cognito_identity_pool_provider_principal_tag`: the provider's principal tag map. `use_defaults` not
  // written is the provider's default, true, unless a custom `principal_tags` map is given too: the provider then
  // sends both, and which one Cognito applies is not documented, so it is unknown.
  // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_identity_pool_provider_principal_tag
  const principalTags: PrincipalTagMapModel[] = ofType('aws_cognito_identity_pool_provider_principal_tag').map((m) => {
    const { text, document } = m.file;
    const poolExpr = m.attributes.get('identity_pool_id')?.value;
    const providerExpr = m.attributes.get('identity_provider_name')?.value;
    const tagsExpr = m.attributes.get('principal_tags')?.value;
    const tags = tagMapOf(tagsExpr, text);
    const written = m.attributes.get('use_defaults')?.value;
    const useDefaults: LocatedFlag = written
      ? flagOf(document, written, text)!
      : { document, range: nameRange(m), value: tags?.length === 0 ? true : undefined };
    return {
      id: m.address,
      document,
      range: nameRange(m),
      pool: poolExpr ? poolReference(document, poolExpr, text, byAddress) : { document, range: nameRange(m), text: '(no identity_pool_id)' },
      provider: providerExpr
        ? locatedText(document, providerExpr, text)
        : { document, range: nameRange(m), value: undefined, text: '(no identity_provider_name)' },
      useDefaults,
      tags,
    };
  });

  const roleReference = (b: Block, expression: HclNode): RoleReference => ({
    document: b.file.document,
    range: rangeOf(expression),
    roleId: roleAddress(b, expression),
    text: firstLine(textOf(expression, b.file.text)),
  });
  const attachments: RoleAttachmentModel[] = ofType('aws_cognito_identity_pool_roles_attachment').map((a) => {
    const { text, document } = a.file;
    const poolExpr = a.attributes.get('identity_pool_id')?.value;
    const pool: PoolReference = poolExpr
      ? poolReference(document, poolExpr, text, byAddress)
      : { document, range: nameRange(a), text: '(no identity_pool_id)' };
    const roleEntries: { as: AttachedAs; role: RoleReference }[] = [];
    const rolesObject = a.attributes.get('roles')?.value;
    const object = rolesObject ? unwrap(rolesObject) : undefined;
    for (const elem of object?.type === 'object' ? object.children.filter((c) => c.type === 'object_elem') : []) {
      const [keyExpr, valueExpr] = elem.children.filter((c) => c.type === 'expression');
      const key = keyExpr ? keyName(keyExpr, text) : undefined;
      if ((key === 'authenticated' || key === 'unauthenticated') && valueExpr) roleEntries.push({ as: key, role: roleReference(a, valueExpr) });
    }
    const mappings: RoleMappingModel[] = a.blocks
      .filter((b) => b.head.type === 'role_mapping')
      .map((m) => {
        const { attributes, blocks: rules } = bodyItems(m.head.body, text);
        const mappingRules = rules.filter((b) => b.head.type === 'mapping_rule');
        const located = (expression: HclNode | undefined): LocatedText | undefined => expression && locatedText(document, expression, text);
        const ruleRoles: RoleReference[] = [];
        const ruleModels: RoleMappingRuleModel[] = mappingRules.map((rule) => {
          const ruleAttributes = bodyItems(rule.head.body, text).attributes;
          const arn = ruleAttributes.get('role_arn')?.value;
          const role = arn ? roleReference(a, arn) : undefined;
          if (role) ruleRoles.push(role);
          return {
            document,
            range: rangeOf(rule.node),
            claim: located(ruleAttributes.get('claim')?.value),
            matchType: located(ruleAttributes.get('match_type')?.value),
            value: located(ruleAttributes.get('value')?.value),
            role,
          };
        });
        const provider = located(attributes.get('identity_provider')?.value);
        return {
          document,
          range: rangeOf(namedChildren(m.node)[0]),
          provider: provider?.text ?? '',
          providerName: provider?.value,
          ...(provider?.refs && { providerRefs: provider.refs }),
          // Terraform names the provider in identity_provider (there is no map key as in a template).
          key: provider?.value ?? provider?.text ?? '',
          type: located(attributes.get('type')?.value),
          ambiguousRoleResolution: located(attributes.get('ambiguous_role_resolution')?.value),
          rules: ruleModels,
          ruleRoles,
        };
      });
    return { id: a.address, document, range: nameRange(a), pool, roles: roleEntries, mappings };
  });

  const sourcePolicies: SourcePolicy[] = policies
    .filter((p) => p.documentId === primary)
    .map((p) => ({ range: p.range, document: p.document, ...(p.roles.length > 0 && { roles: p.roles }), ...(p.editingOnly && { editingOnly: true }) }));
  const declaresRoles = roles.length > 0 || pools.length > 0 || attachments.length > 0 || principalTags.length > 0;
  return { policies: sourcePolicies, findings, ...(declaresRoles && { workspace: { roles, pools, attachments, principalTags } }) };
}

/** A `data "aws_iam_policy_document"` block as its policy, with the outline of its blocks for completion. */
function policyDocument(block: HclNode, file: ModuleFile, label: string): ReadPolicy {
  const tree = policyDocumentTree(block, namedChildren(block)[1], file.text);
  const document = policyFromTree(file.text, tree, { variableNotation: '&{', stringNotation: 'hcl' });
  return {
    range: rangeOf(block),
    document: { ...document, hclBlocks: policyDocumentOutline(block, file.text) },
    documentId: file.document,
    name: `the policy document "${label}"`,
    roles: [],
  };
}

/**
 * A policy attribute's value: heredoc JSON or `jsonencode({...})`; anything else is read where its text is. A
 * `jsonencode` whose only errors are keys being typed is read for the editing features only.
 */
function readPolicyValue(expression: HclNode, file: ModuleFile, kind: 'identity' | 'trust', name: string, findings: Reported[]): ReadPolicy | undefined {
  const { text, document: documentId } = file;
  const node = unwrap(expression);
  if (containsError(expression)) {
    const arg = node.type === 'function_call' && isJsonencode(node, text) ? jsonencodeArgument(node) : undefined;
    const tree = arg && recoveredJsonencode(arg, text);
    if (!arg || !tree) return undefined;
    const document = policyFromTree(text, tree, { kind, variableNotation: '$${', stringNotation: 'hcl' });
    return { range: rangeOf(arg), document, documentId, name, roles: [], editingOnly: true };
  }
  if (node.type === 'heredoc_template') {
    const parts = templateParts(node, text);
    const json = parts && parseTemplateJson(parts, text);
    if (!json?.root) return undefined;
    for (const p of json.syntaxProblems) findings.push({ ruleId: 'json-syntax', range: p.range, message: p.message, extras: syntaxProblemData(p) });
    return {
      range: rangeOf(node),
      document: policyFromTree(text, json.root, { kind, variableNotation: '$${', stringNotation: 'template-json' }),
      documentId,
      name,
      roles: [],
    };
  }
  if (node.type === 'function_call' && isJsonencode(node, text)) {
    const arg = jsonencodeArgument(node);
    if (!arg) return undefined;
    const tree: MutableNode = hclToJson(arg, text, undefined);
    if (tree.type !== 'object') return undefined;
    return {
      range: rangeOf(arg),
      document: policyFromTree(text, tree, { kind, variableNotation: '$${', stringNotation: 'hcl' }),
      documentId,
      name,
      roles: [],
    };
  }
  return undefined;
}

/**
 * The file `templatefile("policy.json.tpl", {...})` or `file("policy.json.tpl")` reads, when it is a file of the
 * module's folder or a folder under it: named literally, as `./name` or as `${path.module}/name`, its path relative
 * to the module's folder (`policies/guest.json.tpl`). Undefined otherwise (a folder above, a computed path,
 * another function). With `templatefile()`'s variables bound to literal text (`{ bucket =
 * "photos" }`): a variable whose value is computed, or text that would change the JSON around it (a quote, a
 * backslash, a control character), stays open.
 */
function templateFileOf(expression: HclNode, text: string): { name: string; variables: ReadonlyMap<string, string>; fn: 'file' | 'templatefile' } | undefined {
  const node = unwrap(expression);
  if (node.type !== 'function_call') return undefined;
  const name = node.children.find((c) => c.type === 'identifier');
  const fn = name && textOf(name, text);
  if (fn !== 'templatefile' && fn !== 'file') return undefined;
  const [first, vars] = node.children.find((c) => c.type === 'function_arguments')?.children.filter((c) => c.type === 'expression') ?? [];
  const path = first && unwrap(first);
  const parts = path && templateParts(path, text);
  if (!parts) return undefined;
  const [hole, ...more] = parts.holes;
  if (more.length > 0 || (hole && (hole.ref !== 'path.module' || hole.start !== parts.start))) return undefined;
  let value = templateValue(parts, text, hole ? hole.end : parts.start, parts.end).value;
  if (hole) {
    if (!value.startsWith('/')) return undefined;
    value = value.slice(1);
  } else if (value.startsWith('./')) value = value.slice(2);
  // A file of the folder or of a folder under it (`policies/guest.json.tpl`), never one above it.
  const names = value.split('/');
  if (value.includes('\\') || names.some((n) => n === '' || n === '.' || n === '..')) return undefined;
  return { name: value, variables: fn === 'templatefile' && vars ? boundVariables(vars, text) : new Map(), fn };
}

/** The variables of a `templatefile()` map whose values are literal text JSON can hold as it is. */
function boundVariables(expression: HclNode, text: string): Map<string, string> {
  const out = new Map<string, string>();
  const object = unwrap(expression);
  if (object.type !== 'object') return out;
  for (const elem of object.children.filter((c) => c.type === 'object_elem')) {
    const [keyExpr, valueExpr] = elem.children.filter((c) => c.type === 'expression');
    const key = keyExpr ? keyName(keyExpr, text) : undefined;
    const value = literalOf(valueExpr, text);
    if (key === undefined || value === undefined || !plainJsonText(value)) continue;
    out.set(key, value);
  }
  return out;
}

/** Text that reads as itself inside a JSON string: no quote, no backslash, no control character. */
function plainJsonText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 34 || c === 92) return false;
  }
  return true;
}

/** The one argument of a call. */
function jsonencodeArgument(call: HclNode): HclNode | undefined {
  const args = call.children.find((c) => c.type === 'function_arguments');
  const arg = args?.children.filter((c) => c.type === 'expression');
  return arg?.length === 1 ? arg[0] : undefined;
}

function isJsonencode(call: HclNode, text: string): boolean {
  const name = call.children.find((c) => c.type === 'identifier');
  return name !== undefined && textOf(name, text) === 'jsonencode';
}

/**
 * The reference an expression is: a traversal `a.b.c` (`aws_iam_role.x.arn`, `data.aws_iam_policy_document.d.json`),
 * or a string that is exactly one interpolation of one (`"${aws_iam_role.x.arn}"`). Undefined otherwise (indexes,
 * splats, function calls, `var.` and `local.` values).
 */
export function referenceOf(expression: HclNode, text: string): Reference | undefined {
  let node = expression;
  const inner = unwrap(node);
  if (inner.type === 'quoted_template' || inner.type === 'string_lit') {
    const parts = templateParts(inner, text);
    // One interpolation and no literal text around it but whitespace (the tree has no node for literal text: it
    // is what lies between the quotes and the holes).
    const hole = parts?.holes.length === 1 ? parts.holes[0] : undefined;
    const alone = hole && text.slice(parts!.start, hole.start).trim() === '' && text.slice(hole.end, parts!.end).trim() === '';
    const interpolation = alone ? inner.children.find((c) => c.start === hole.start && c.type === 'template_interpolation') : undefined;
    const only = interpolation ? childOfType(interpolation, 'expression') : undefined;
    if (!only) return undefined;
    node = only;
  }
  const parts = node.type === 'expression' ? traversal(node, text) : undefined;
  if (!parts || parts[0] === 'var' || parts[0] === 'local' || parts[0] === 'module') return undefined;
  if (parts[0] === 'data') return parts.length >= 3 ? { address: parts.slice(0, 3).join('.'), attribute: parts[3] } : undefined;
  return parts.length >= 2 ? { address: parts.slice(0, 2).join('.'), attribute: parts[2] } : undefined;
}

/** The names of `a.b.c` in an expression made of a variable and attribute accesses only. */
function traversal(expression: HclNode, text: string): string[] | undefined {
  const named = namedChildren(expression);
  if (named[0]?.type !== 'variable_expr') return undefined;
  const parts = [textOf(named[0], text)];
  for (const n of named.slice(1)) {
    const id = n.type === 'get_attr' ? childOfType(n, 'identifier') : undefined;
    if (!id) return undefined;
    parts.push(textOf(id, text));
  }
  return parts;
}

/**
 * A string setting as written: its literal value, or unknown with the Terraform references it is made of (so two
 * values written with the same references name the same thing: a pool's provider and its principal tag map).
 */
function locatedText(document: DocumentId, expression: HclNode, text: string): LocatedText {
  const node = hclToJson(expression, text, undefined);
  const shown = firstLine(textOf(expression, text));
  const range = rangeOf(expression);
  if (node.type === 'string' && !node.intrinsic) return { document, range, value: String(node.value), text: shown };
  const refs = node.intrinsic?.refs;
  return { document, range, value: undefined, text: shown, ...(refs && refs.length > 0 && { refs }) };
}

/** `principal_tags = { tag = "claim" }`: tag key to claim, in order; undefined when a key or claim is computed. */
function tagMapOf(expression: HclNode | undefined, text: string): PrincipalTagMapModel['tags'] {
  if (!expression) return [];
  const node = unwrap(expression);
  if (node.type !== 'object') return undefined;
  const out: { key: string; claim: string; range: Range }[] = [];
  for (const elem of node.children.filter((c) => c.type === 'object_elem')) {
    const [keyExpr, valueExpr] = elem.children.filter((c) => c.type === 'expression');
    const key = keyExpr ? keyName(keyExpr, text) : undefined;
    const claim = literalOf(valueExpr, text);
    if (key === undefined || claim === undefined) return undefined;
    out.push({ key, claim, range: rangeOf(elem) });
  }
  return out;
}

/** A literal string value (no interpolation, no escapes that change it); undefined otherwise. */
function literalOf(expression: HclNode | undefined, text: string): string | undefined {
  if (!expression) return undefined;
  const node = hclToJson(expression, text, undefined);
  return node.type === 'string' && !node.intrinsic ? String(node.value) : undefined;
}

/** An object key: a bare name or a literal string. */
function keyName(keyExpr: HclNode, text: string): string | undefined {
  const named = namedChildren(keyExpr);
  if (named.length === 1 && named[0].type === 'variable_expr') return textOf(named[0], text);
  return literalOf(keyExpr, text);
}

function listItems(expression: HclNode | undefined): HclNode[] {
  const node = expression && unwrap(expression);
  return node?.type === 'tuple' ? node.children.filter((c) => c.type === 'expression') : [];
}

/** The literal keys of a `tags` map; undefined when one is computed. */
function tagKeysOf(expression: HclNode | undefined, text: string): string[] | undefined {
  if (!expression) return [];
  const node = unwrap(expression);
  if (node.type !== 'object') return undefined;
  const keys: string[] = [];
  for (const elem of node.children.filter((c) => c.type === 'object_elem')) {
    const keyExpr = elem.children.find((c) => c.type === 'expression');
    const key = keyExpr ? keyName(keyExpr, text) : undefined;
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return keys;
}

function flagOf(document: DocumentId, expression: HclNode | undefined, text: string): LocatedFlag | undefined {
  if (!expression) return undefined;
  const node = hclToJson(expression, text, undefined);
  let value: boolean | undefined;
  if (node.type === 'boolean') value = node.value as boolean;
  else if (node.type === 'string' && !node.intrinsic && ['true', 'false'].includes(String(node.value))) value = node.value === 'true';
  return { document, range: rangeOf(expression), value };
}

function poolReference(document: DocumentId, expression: HclNode, text: string, byAddress: ReadonlyMap<string, Block>): PoolReference {
  const range = rangeOf(expression);
  const shown = firstLine(textOf(expression, text));
  const literal = literalOf(expression, text);
  if (literal !== undefined) return { document, range, poolId: literal, text: shown };
  const ref = referenceOf(expression, text);
  if (ref && ref.attribute === 'id' && byAddress.get(ref.address)?.head.labels[0] === 'aws_cognito_identity_pool') {
    return { document, range, poolModelId: ref.address, text: shown };
  }
  return { document, range, text: shown };
}

/**
 * The login providers of an `aws_cognito_identity_pool`: `cognito_identity_providers { provider_name client_id }`,
 * `supported_login_providers` (a map of provider to app ID), `openid_connect_provider_arns`, `saml_provider_arns`,
 * `developer_provider_name`. Undefined when a list or map is computed (the providers cannot all be told).
 */
function poolProviders(p: Block): PoolProviderModel[] | undefined {
  const { text, document } = p.file;
  const out: PoolProviderModel[] = [];
  for (const b of p.blocks.filter((x) => x.head.type === 'cognito_identity_providers')) {
    const attrs = bodyItems(b.head.body, text).attributes;
    const name = attrs.get('provider_name')?.value;
    if (!name) continue;
    const clientId = attrs.get('client_id')?.value;
    out.push({
      kind: 'user-pool',
      document,
      range: rangeOf(b.node),
      name: locatedText(document, name, text),
      ...(clientId && { clientId: locatedText(document, clientId, text) }),
    });
  }
  const logins = p.attributes.get('supported_login_providers')?.value;
  if (logins) {
    const object = unwrap(logins);
    if (object.type !== 'object') return undefined;
    for (const elem of object.children.filter((c) => c.type === 'object_elem')) {
      const [keyExpr, valueExpr] = elem.children.filter((c) => c.type === 'expression');
      const key = keyExpr ? keyName(keyExpr, text) : undefined;
      if (key === undefined || !keyExpr) return undefined;
      const name: LocatedText = { document, range: rangeOf(keyExpr), value: key, text: key };
      out.push({ kind: 'public', document, range: rangeOf(keyExpr), name, ...(valueExpr && { clientId: locatedText(document, valueExpr, text) }) });
    }
  }
  for (const [attribute, kind] of [
    ['openid_connect_provider_arns', 'oidc'],
    ['saml_provider_arns', 'saml'],
  ] as const) {
    const list = p.attributes.get(attribute)?.value;
    if (!list) continue;
    if (unwrap(list).type !== 'tuple') return undefined;
    for (const item of listItems(list)) {
      const arn = locatedText(document, item, text);
      // An OIDC provider is named by its issuer (the ARN's resource part), a SAML provider by its ARN.
      const value = arn.value === undefined ? undefined : kind === 'oidc' ? oidcProviderNameOfArn(arn.value) : arn.value;
      out.push({ kind, document, range: arn.range, name: { ...arn, value } });
    }
  }
  const developer = p.attributes.get('developer_provider_name')?.value;
  if (developer) {
    const name = locatedText(document, developer, text);
    out.push({ kind: 'developer', document, range: name.range, name });
  }
  return out;
}

/** The name part of a role ARN (`arn:aws:iam::123456789012:role/path/Name` -> `Name`), or the text itself. */
function roleNameOfArn(value: string): string {
  if (!value.startsWith('arn:')) return value;
  const slash = value.lastIndexOf('/');
  return slash >= 0 ? value.slice(slash + 1) : value;
}

/** A resource's name label (`"authenticated"` of `resource "aws_iam_role" "authenticated"`). */
function nameRange(b: Block): Range {
  const label = namedChildren(b.node)[2];
  return label ? rangeOf(label) : rangeOf(b.node);
}

function rangeOf(node: HclNode): Range {
  return { start: node.start, end: node.end };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
