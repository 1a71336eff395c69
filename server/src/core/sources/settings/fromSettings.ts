/**
 * The `cognitoPool.roles` setting as the workspace role model (model/roles.ts): standalone policy files mapped
 * to roles by name,
 *
 *     "cognitoPool.roles": {
 *       "GuestRole": { "trust": "iam/guest-trust.json", "permissions": ["iam/guest/*.json"],
 *                      "attachedAs": "unauthenticated", "identityPoolId": "us-east-1:…" } }
 *
 * The host reads the files and expands the globs (server/src/common/workspaceRoles.ts over its RoleFiles); this module validates the setting,
 * parses the files and fills the model, so that analyzeRoles and identityPoolContextForRoles work on it as on a
 * template's. `attachedAs` is the only source of a role's kind, as a template's IdentityPoolRoleAttachment is:
 * without it the role is an identity-pool role of unknown kind when its trust policy trusts identity pools
 * (identityPoolContextOf), never a kind guessed from the trust policy's amr.
 *
 * Pure: no file system. Never throws on a bad setting: each problem is described and the part ignored.
 */
import { ATTACHED_ROLE_KEYS, isIdentityPoolId, IDENTITY_POOL_ID_EXAMPLE } from '../../cognito/knowledge';
import { objectElements, parseJsonTree, parsePolicy } from '../../parse/parsePolicy';
import { rangeOf, type PolicyDocument, type Range } from '../../model/policy';
import { closest } from '../../text/didYouMean';
import type { AttachedAs, DocumentId, PolicySource, RoleAttachmentModel, RoleModel, RoleWorkspace } from '../../model/roles';

/** The setting's name: also the attachment's id in messages (`attached ... here (cognitoPool.roles)`). */
export const ROLES_SETTING = 'cognitoPool.roles';

/** The keys of a role in the setting (package.json's schema lists the same). */
export const ROLE_SETTING_KEYS = ['trust', 'permissions', 'attachedAs', 'identityPoolId', 'tagKeys'] as const;

/** One role of the setting, validated. Paths are as written: relative to the workspace folder. */
export interface RoleSetting {
  readonly name: string;
  /** The trust policy file. */
  readonly trust?: string;
  /** Permission policy files: paths or globs. */
  readonly permissions: readonly string[];
  /** How the identity pool uses the role; undefined: not said (no role-kind-mismatch, no guest rules). */
  readonly attachedAs?: AttachedAs;
  /** The identity pool the role is attached to (only with `attachedAs`): aud-pool-mismatch compares with it. */
  readonly identityPoolId?: string;
  /** The role's own IAM tag keys; undefined: not said (principal-tags-without-tag-session stays silent). */
  readonly tagKeys?: readonly string[];
}

export interface RoleSettings {
  readonly roles: readonly RoleSetting[];
  /** What is wrong with the setting, one sentence each, saying what was ignored. */
  readonly problems: readonly string[];
}

/** Validates the setting's value (as `workspace/configuration` returns it): keeps what is valid, says what is not. */
export function readRoleSettings(value: unknown): RoleSettings {
  const problems: string[] = [];
  if (value === undefined || value === null) return { roles: [], problems };
  if (!isRecord(value)) {
    problems.push(
      `${ROLES_SETTING} must be an object that maps role names to {"trust", "permissions", "attachedAs", "identityPoolId"}, not ${describe(value)}; ignored.`,
    );
    return { roles: [], problems };
  }
  const roles: RoleSetting[] = [];
  for (const [name, entry] of Object.entries(value)) {
    const where = `${ROLES_SETTING}: "${name}"`;
    if (!isRecord(entry)) {
      problems.push(`${where} must be an object such as {"trust": "iam/trust.json", "permissions": ["iam/policies/*.json"]}, not ${describe(entry)}; ignored.`);
      continue;
    }
    for (const key of Object.keys(entry)) {
      if ((ROLE_SETTING_KEYS as readonly string[]).includes(key)) continue;
      const suggestion = closest(key, ROLE_SETTING_KEYS);
      problems.push(
        `${where}: unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; ignored. The keys are ${ROLE_SETTING_KEYS.join(', ')}.`,
      );
    }

    let trust: string | undefined;
    if (entry.trust !== undefined) {
      const problem = pathProblem(entry.trust);
      if (problem) problems.push(`${where}: "trust" ${problem}; ignored.`);
      else trust = entry.trust as string;
    }

    const permissions: string[] = [];
    if (entry.permissions !== undefined) {
      if (!Array.isArray(entry.permissions)) {
        problems.push(`${where}: "permissions" must be a list of paths or globs, e.g. ["iam/policies/*.json"], not ${describe(entry.permissions)}; ignored.`);
      } else {
        for (const p of entry.permissions) {
          const problem = pathProblem(p);
          if (problem) problems.push(`${where}: "permissions" entry ${problem}; ignored.`);
          else if (!permissions.includes(p as string)) permissions.push(p as string);
        }
      }
    }

    let attachedAs: AttachedAs | undefined;
    if (entry.attachedAs !== undefined) {
      if (typeof entry.attachedAs === 'string' && ATTACHED_ROLE_KEYS.includes(entry.attachedAs)) attachedAs = entry.attachedAs as AttachedAs;
      else problems.push(`${where}: "attachedAs" must be ${ATTACHED_ROLE_KEYS.map((k) => `"${k}"`).join(' or ')}, not ${describe(entry.attachedAs)}; ignored.`);
    }

    let identityPoolId: string | undefined;
    if (entry.identityPoolId !== undefined) {
      if (typeof entry.identityPoolId !== 'string' || !isIdentityPoolId(entry.identityPoolId)) {
        problems.push(
          `${where}: "identityPoolId" must be an identity pool ID such as "${IDENTITY_POOL_ID_EXAMPLE}", not ${describe(entry.identityPoolId)}; ignored.`,
        );
      } else if (!attachedAs) {
        problems.push(`${where}: "identityPoolId" needs "attachedAs" (whether the pool gives the role to signed-in identities or to guests); ignored.`);
      } else identityPoolId = entry.identityPoolId;
    }

    let tagKeys: string[] | undefined;
    if (entry.tagKeys !== undefined) {
      if (Array.isArray(entry.tagKeys) && entry.tagKeys.every((k) => typeof k === 'string')) tagKeys = entry.tagKeys;
      else problems.push(`${where}: "tagKeys" must be a list of the role's tag keys, e.g. ["department"], not ${describe(entry.tagKeys)}; ignored.`);
    }

    if (trust === undefined && permissions.length === 0) {
      problems.push(`${where} names neither a "trust" policy file nor "permissions" policy files; ignored.`);
      continue;
    }
    roles.push({ name, trust, permissions, attachedAs, identityPoolId, tagKeys });
  }
  return { roles, problems };
}

/** Why a path of the setting cannot be used, or undefined when it can. */
function pathProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a path relative to the workspace folder, not ${describe(value)}`;
  if (value.trim() === '') return 'is empty';
  if (value.includes('${')) return `"${value}" holds a variable, which is not expanded: write the path relative to the workspace folder`;
  if (/^([a-zA-Z]:)?[\\/]/.test(value)) return `"${value}" must be relative to the workspace folder`;
  // Files outside the folder are never read (untrusted workspaces are supported; a glob must not walk the disk).
  if (value.split(/[\\/]/).includes('..')) return `"${value}" leaves the workspace folder ("..")`;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value}"`;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects are handled above (tsc only narrows `unknown` to `{}`): a number, a boolean or undefined is left.
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// The model

/** A policy file as the host read it. */
export interface PolicyFile {
  /** The host's name for the file (`DocumentId`: a path, a URI). */
  readonly id: DocumentId;
  /** How messages name it: the path as the setting resolves it, e.g. `iam/guest/read.json`. */
  readonly name: string;
  readonly text: string;
}

/** A role of the setting with its files read: the host resolved the paths and expanded the globs. */
export interface ResolvedRole {
  readonly setting: RoleSetting;
  /** Undefined when the setting names no trust file or the host could not read it (the host says why). */
  readonly trust?: PolicyFile;
  /** Every file the permission paths and globs match, in order, each once. */
  readonly permissions: readonly PolicyFile[];
}

/**
 * The settings document that may hold the setting (e.g. a folder's `.vscode/settings.json`), to point at the
 * setting as written. The parts of a role it does not hold (the role is set in another scope, or the host
 * does not know where) are in the document {@link UNLOCATED_SETTING}, which names no file: hosts drop related
 * locations there.
 */
export interface SettingsDocument {
  readonly id: DocumentId;
  /** Its text; undefined when there is none. */
  readonly text?: string;
}

/** The document of a role's setting when it is not found in the settings document: no file has this id. */
export const UNLOCATED_SETTING: DocumentId = ROLES_SETTING;

export interface RoleSettingsModel {
  readonly workspace: RoleWorkspace;
  /** The roles each permission policy file belongs to (for identityPoolContextForRoles), by document. */
  readonly permissionRoles: ReadonlyMap<DocumentId, readonly string[]>;
  /** Files that are not the kind of policy the setting says, one sentence each, saying what was skipped. */
  readonly problems: readonly string[];
}

/** The role model of the setting's roles, their files parsed (with the classification every host uses). */
export function workspaceFromRoleSettings(roles: readonly ResolvedRole[], settings: SettingsDocument): RoleSettingsModel {
  const problems: string[] = [];
  const located = settings.text === undefined ? undefined : locateSetting(settings.text);
  const at = (range: Range | undefined) => (range ? { document: settings.id, range } : { document: UNLOCATED_SETTING, range: { start: 0, end: 0 } });

  const parsed = new Map<DocumentId, PolicyDocument>();
  const parse = (file: PolicyFile) => {
    let policy = parsed.get(file.id);
    if (!policy) parsed.set(file.id, (policy = parsePolicy(file.text)));
    return policy;
  };
  const source = (file: PolicyFile, policy: PolicyDocument, name: string): PolicySource => ({
    document: file.id,
    range: policy.root ? rangeOf(policy.root) : { start: 0, end: file.text.length },
    policy,
    name,
  });

  const models: RoleModel[] = [];
  const attachments: RoleAttachmentModel[] = [];
  const permissionRoles = new Map<DocumentId, string[]>();
  const trustFiles = new Set(roles.flatMap((r) => (r.trust ? [r.trust.id] : [])));
  for (const { setting, trust: trustFile, permissions: permissionFiles } of roles) {
    const where = `${ROLES_SETTING}: "${setting.name}"`;
    const place = located?.get(setting.name);
    const roleRange = place?.key;
    // A value's own range only when the text holds the value in force (another scope may set a different one).
    const valueRange = (key: string, value: string | undefined) => {
      const written = place?.values.get(key);
      return written && written.value === value ? written.range : roleRange;
    };

    let trust: PolicySource | undefined;
    if (trustFile) {
      const policy = parse(trustFile);
      if (policy.kind === 'trust') trust = source(trustFile, policy, `the trust policy file "${trustFile.name}"`);
      else
        problems.push(
          `${where}: the trust file "${trustFile.name}" ${kindText(policy, 'a role trust policy (statements with a Principal and sts:AssumeRole* actions)')}; ignored.`,
        );
    }

    const permissions: PolicySource[] = [];
    for (const file of permissionFiles) {
      if (trustFiles.has(file.id)) continue; // a glob that also matches the trust files (`iam/*.json`)
      const policy = parse(file);
      if (policy.kind !== 'identity') {
        problems.push(`${where}: the permissions file "${file.name}" ${kindText(policy, 'an identity (permission) policy')}; skipped.`);
        continue;
      }
      if (permissions.some((p) => p.document === file.id)) continue;
      permissions.push(source(file, policy, `the policy file "${file.name}"`));
      const owners = permissionRoles.get(file.id) ?? [];
      if (!owners.includes(setting.name)) owners.push(setting.name);
      permissionRoles.set(file.id, owners);
    }

    models.push({ id: setting.name, ...at(roleRange), trust, permissions, tagKeys: setting.tagKeys, names: [] });

    if (setting.attachedAs) {
      const poolRange = valueRange('identityPoolId', setting.identityPoolId);
      attachments.push({
        id: ROLES_SETTING,
        ...at(roleRange),
        pool:
          setting.identityPoolId !== undefined
            ? { ...at(poolRange), poolId: setting.identityPoolId, text: setting.identityPoolId }
            : { ...at(roleRange), text: '(no identityPoolId)' },
        roles: [{ as: setting.attachedAs, role: { ...at(valueRange('attachedAs', setting.attachedAs)), roleId: setting.name, text: setting.name } }],
        mappings: [],
      });
    }
  }
  return { workspace: { roles: models, pools: [], attachments }, permissionRoles, problems };
}

/** What a file is instead of the `expected` kind, for a problem: `is a resource policy, not ...`. */
function kindText(policy: PolicyDocument, expected: string): string {
  const kinds: Record<string, string> = { identity: 'an identity (permission) policy', trust: 'a role trust policy', resource: 'a resource policy' };
  const kind = kinds[policy.kind];
  return kind ? `is ${kind}, not ${expected}` : 'is not an IAM policy';
}

/** A role's key in the settings document, and its string values by key (`attachedAs`, `identityPoolId`). */
interface RolePlace {
  readonly key: Range;
  readonly values: ReadonlyMap<string, { readonly value: string; readonly range: Range }>;
}

/**
 * Where the setting is written in a settings file (JSON with comments): under the last `cognitoPool.roles` key
 * of the top-level object (the one that counts), each role's key and string values. Undefined when the text
 * does not hold the setting as an object.
 */
function locateSetting(text: string): ReadonlyMap<string, RolePlace> | undefined {
  const { root } = parseJsonTree(text);
  const setting = objectElements(root)
    .filter((e) => e.key === ROLES_SETTING)
    .pop();
  if (!setting || setting.value?.type !== 'object') return undefined;
  const roles = new Map<string, RolePlace>();
  for (const role of objectElements(setting.value)) {
    const values = new Map<string, { value: string; range: Range }>();
    for (const part of objectElements(role.value)) {
      if (part.value?.type === 'string') values.set(part.key, { value: part.value.value as string, range: rangeOf(part.value) });
      else values.delete(part.key);
    }
    roles.set(role.key, { key: role.keyRange, values });
  }
  return roles;
}
