/**
 * The role model `simulate --template PATH` works on: a CloudFormation/SAM template (JSON or YAML, read by the
 * same source as everywhere), or a settings file holding `cognitoPool.roles` (its paths and globs relative to the
 * workspace folder: the folder of the file, or the folder above it for `.vscode/settings.json`, as the editor
 * reads them). Problems are thrown as one-line messages.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import picomatch from 'picomatch';
import {
  LineIndex,
  MODULE_TEMPLATE_DEPTH,
  readRoleModel,
  readRoleSettings,
  ROLES_SETTING,
  workspaceFromRoleSettings,
  syntaxOfFileName,
  type HclParser,
  type ModuleFileInput,
  type PolicyFile,
  type ResolvedRole,
  type RoleWorkspace,
} from '../core';
import { listFiles, MAX_LISTED_FILES, readRegularFile } from '../node/workspaceRoles';
import { readNamedPolicyFiles } from './moduleFiles';

export class ModelError extends Error {}

export interface PoolModel {
  readonly workspace: RoleWorkspace;
  /** Each document's text by its id (the path as given, or as the setting resolves it), for positions. */
  readonly texts: ReadonlyMap<string, string>;
}

function readText(file: string): string {
  try {
    return readRegularFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR')
      throw new ModelError(
        `${file} is a directory with no .tf file: --template takes a Terraform module (a folder of .tf files), a CloudFormation template or a settings file with ${ROLES_SETTING}.`,
      );
    throw new ModelError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
}

/**
 * `hclParser`: the host's HCL parser, for a Terraform module (a folder of `.tf` files, or one `.tf` file: its
 * folder's module), whose role model is read from all its `.tf` files together.
 */
export function readPoolModel(file: string, hclParser?: HclParser): PoolModel {
  const module = terraformModuleFiles(file);
  if (module) {
    if (!hclParser) throw new ModelError(`${file}: the HCL parser is not loaded.`);
    const [first, ...others] = module;
    const read = readRoleModel({ text: first.text, id: first.id, fileName: first.id }, { hclParser, terraformModule: others });
    if (!read.roles) throw new ModelError(`${file} declares no IAM role, identity pool or role attachment.`);
    return { workspace: read.roles, texts: new Map(module.map((f) => [f.id, f.text])) };
  }
  const text = readText(file);
  const settings = settingsValue(text);
  if (settings !== undefined) return fromSettings(file, text, settings);
  const read = readRoleModel({ text, id: file, fileName: file });
  if (read.kind !== 'template' || !read.roles) throw new ModelError(`${file} is neither a CloudFormation template nor a settings file with ${ROLES_SETTING}.`);
  const syntax = read.syntax[0];
  if (syntax) {
    const p = new LineIndex(text).positionAt(syntax.range.start);
    throw new ModelError(`${file}:${p.line + 1}:${p.character + 1}: ${syntax.message}`);
  }
  return { workspace: read.roles, texts: new Map([[file, text]]) };
}

/** The value of `cognitoPool.roles` when the text is a JSON (with comments) object holding it. */
function settingsValue(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return ROLES_SETTING in value ? (value as Record<string, unknown>)[ROLES_SETTING] : undefined;
}

function fromSettings(file: string, text: string, value: unknown): PoolModel {
  const { roles, problems } = readRoleSettings(value);
  if (problems.length) throw new ModelError(`${file}: ${problems[0]}`);
  const dir = path.dirname(file);
  const folder = path.basename(path.resolve(dir)) === '.vscode' ? path.dirname(dir) : dir;
  const texts = new Map<string, string>([[file, text]]);
  const policyFile = (relative: string): PolicyFile => {
    const id = path.join(folder, relative);
    let content: string;
    try {
      content = readRegularFile(id);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ModelError(
        `${file}: ${ROLES_SETTING} names "${relative}", which cannot be read (${code === 'ENOENT' ? 'no such file' : (error as Error).message}).`,
      );
    }
    texts.set(id, content);
    return { id, name: relative, text: content };
  };
  const resolved: ResolvedRole[] = roles.map((setting) => {
    const permissions: PolicyFile[] = [];
    for (const pattern of setting.permissions) {
      const scan = picomatch.scan(pattern);
      if (!scan.isGlob) {
        permissions.push(policyFile(pattern));
        continue;
      }
      const matches = picomatch(pattern);
      const listed = listFiles(path.join(folder, scan.base), MAX_LISTED_FILES).files.map((f) => path.relative(folder, f).split(path.sep).join('/'));
      const found = listed.filter((f) => matches(f));
      if (found.length === 0) throw new ModelError(`${file}: ${ROLES_SETTING}: "${setting.name}": the glob "${pattern}" matches no file.`);
      for (const f of found) if (!permissions.some((p) => p.name === f)) permissions.push(policyFile(f));
    }
    return { setting, trust: setting.trust !== undefined ? policyFile(setting.trust) : undefined, permissions };
  });
  const model = workspaceFromRoleSettings(resolved, { id: file, text });
  if (model.problems.length) throw new ModelError(`${file}: ${model.problems[0]}`);
  return { workspace: model.workspace, texts };
}

/** Whether `--template PATH` names a Terraform module: a folder holding .tf files, or a .tf file (its folder). */
export function isTerraformModulePath(file: string): boolean {
  try {
    if (fs.statSync(file).isDirectory()) return fs.readdirSync(file).some((n) => syntaxOfFileName(n, '') === 'hcl');
  } catch {
    return false;
  }
  return syntaxOfFileName(file, '') === 'hcl';
}

/** The .tf files of the module `file` names (the folder's, sorted, `file` first when it is one), then its template files and the JSON files they name; or undefined. */
function terraformModuleFiles(file: string): ModuleFileInput[] | undefined {
  if (!isTerraformModulePath(file)) return undefined;
  const isDir = fs.statSync(file).isDirectory();
  const dir = isDir ? file : path.dirname(file);
  const names = fs
    .readdirSync(dir)
    .filter((n) => syntaxOfFileName(n, '') === 'hcl')
    .sort();
  const ids = names.map((n) => path.join(dir, n));
  if (!isDir) ids.sort((a, b) => Number(path.resolve(b) === path.resolve(file)) - Number(path.resolve(a) === path.resolve(file)));
  // The template files come after the .tf files: what templatefile() and file() read, in the folder and the
  // folders under it (two levels at most, as the lint's modules).
  const templates: ModuleFileInput[] = [];
  const walk = (folder: string, depth: number) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (depth < MODULE_TEMPLATE_DEPTH && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full, depth + 1);
      } else if (syntaxOfFileName(entry.name, '') === 'hcl-template') templates.push({ id: full, text: readText(full), template: true });
    }
  };
  walk(dir, 0);
  const configurations = ids.map((id) => ({ id, text: readText(id) }));
  return [...configurations, ...templates, ...readNamedPolicyFiles(dir, configurations)];
}
