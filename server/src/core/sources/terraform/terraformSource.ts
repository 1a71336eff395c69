/**
 * Terraform as a source: the IAM policies of one `.tf` file, each with ranges into the file, and its part of the
 * role model (roles.ts); and the policies of a template file (`.tpl`, `.tftpl`, `.json.tpl`: the text
 * `templatefile()` renders).
 *
 * Where policies are read (https://registry.terraform.io/providers/hashicorp/aws/latest/docs):
 * - `resource "aws_iam_role"`: `assume_role_policy` (a trust policy) and `inline_policy { policy }`;
 * - `resource "aws_iam_role_policy"`, `"aws_iam_policy"`, `"aws_iam_user_policy"`, `"aws_iam_group_policy"`: `policy`;
 * - `data "aws_iam_policy_document"`: the policy it generates (policyDocument.ts).
 * A policy attribute is read when it is written as heredoc JSON (`<<EOF`, `<<-EOF`, any delimiter) or as
 * `jsonencode({...})`; a reference to a policy document's `.json` links that document to the role; `file()` and
 * `templatefile()` are read where their text is (a template file, or a JSON file of the module: policyFileInModule).
 * A block with an HCL syntax error is not read: its structure is in doubt.
 *
 * The HCL parser is the host's (RunOptions.hclParser): without one, Terraform documents are not detected.
 */
import type { MutableNode, PolicyDocument } from '../../model/policy';
import { syntaxProblemData } from '../../model/policy';
import { looksLikePolicy } from '../../parse/classify';
import { objectElements, parsePolicy, policyFromTree } from '../../parse/parsePolicy';
import type { Reported } from '../../rules/report';
import type { ModuleFileInput, Source, SourceDocument, SourceRead } from '../source';
import { parseTemplateJson, type TemplateJson } from './heredocJson';
import { containsError, unwrap, type HclNode, type HclParser } from './hclTree';
import { terraformModel, type TemplateReader } from './roles';
import { templateParts, type TemplateParts } from './templates';
import { unescapedVariables } from './unescapedVariables';

export const terraformSource: Source<HclNode> = {
  id: 'terraform',
  detect(document) {
    if (document.syntax !== 'hcl' || !document.hclParser || document.text.length > document.maxDocumentChars) return undefined;
    return { parsed: document.hclParser.parse(document.text) };
  },
  read(document, root) {
    // The module's other .tf files (the host's word) lend their roles, pools and attachments.
    const others = (document.moduleFiles ?? [])
      .filter((f) => isConfiguration(f) && f.id !== document.id && f.text.length <= document.maxDocumentChars)
      .map((f) => ({ root: document.hclParser!.parse(f.text), text: f.text, document: f.id }));
    const files = [{ root, text: document.text, document: document.id }, ...others];
    const model = terraformModel(files, document.id, templateReader(document.hclParser!, moduleTemplates(document), folderOfId(document.id)));
    const findings = [...unescapedVariables(root, document.text), ...model.findings];
    const policies = [...model.policies].sort((a, b) => a.range.start - b.range.start);
    const kind = policies.length > 0 || findings.length > 0 || model.workspace ? 'template' : 'not-a-policy';
    return { kind, policies, findings, ...(model.workspace && { roles: model.workspace }) };
  },
};

// ---------------------------------------------------------------------------------------------
// Template files

/**
 * A template file (`.tpl`, `.tftpl`): the text `templatefile()` renders, in the same template language as a
 * heredoc (`${name}` a template variable, open here; `$${` the literal `${`). It is read as one policy when its
 * JSON is shaped like one; any other template is not this source's.
 */
export const templateFileSource: Source<TemplateFile> = {
  id: 'terraform-template',
  detect(document) {
    if (document.syntax !== 'hcl-template' || !document.hclParser || document.text.length > document.maxDocumentChars) return undefined;
    const parsed = parseTemplateFile(document.hclParser, document.text);
    return parsed && { parsed };
  },
  read(document, parsed): SourceRead {
    if ('unescaped' in parsed) return { kind: 'not-a-policy', policies: [], findings: parsed.unescaped };
    const { json, shift } = parsed;
    const findings: Reported[] = json.syntaxProblems.map((p) => {
      const range = { start: p.range.start - shift, end: p.range.end - shift };
      return { ruleId: 'json-syntax', range, message: p.message, extras: syntaxProblemData({ ...p, range }) };
    });
    const whole = { start: 0, end: document.text.length };
    // With its module (the folder's .tf files), the template is the policy of the attributes that name it
    // (`templatefile("policy.json.tpl", {...})`): the roles it belongs to, and the rules across documents. A JSON
    // file that templatefile() names is read here too (policyFileInModule); where file() names it, as JSON.
    const inModule = readInModule(document, { id: document.id, text: document.text, ...(document.syntax === 'json' && { policyFile: true }) });
    if (inModule && inModule.mine.length > 0) {
      const { mine, model } = inModule;
      return { kind: mine[0].document.kind, policies: mine, findings, ...(model.workspace && { roles: model.workspace }) };
    }
    const policy = templatePolicy(document.text, parsed, undefined);
    return { kind: policy.kind, policies: [{ range: whole, document: policy }], findings };
  },
};

/** Whether a module file is one of its .tf files (not a template or JSON file its attributes name). */
function isConfiguration(f: ModuleFileInput): boolean {
  return !f.template && !f.policyFile;
}

/** The template and JSON files of a document's module (the host's word), but the document itself. */
function moduleTemplates(document: { readonly id: string; readonly moduleFiles?: readonly ModuleFileInput[]; readonly maxDocumentChars: number }) {
  return (document.moduleFiles ?? []).filter((f) => !isConfiguration(f) && f.id !== document.id && f.text.length <= document.maxDocumentChars);
}

// ---------------------------------------------------------------------------------------------
// JSON files of a module

/**
 * A JSON policy file with its module (the host passes the module's files when one of its .tf files names the
 * document): the policy of the attributes that name it, with the roles it belongs to, as a template file is.
 * `file("guest.json")` reads the text as it is, without rendering it
 * (https://developer.hashicorp.com/terraform/language/functions/file), so the file is the JSON policy it reads
 * as alone (`${aws:username}` an IAM policy variable) and keeps its own findings (`alone`: a byte order mark);
 * `templatefile("guest.json", {...})` renders it as a template whatever its name
 * (https://developer.hashicorp.com/terraform/language/functions/templatefile: `${name}` a template variable,
 * `$${` the literal `${`), so it is then read as the template file source reads a `.tpl`. Undefined when no
 * attribute of the module names it: the policy file alone, as without a module.
 */
export function policyFileInModule(document: SourceDocument, alone: SourceRead): SourceRead | undefined {
  const templated = new Set<string>();
  const inModule = readInModule(document, { id: document.id, text: document.text, policyFile: true }, (name, fn) => {
    if (fn === 'templatefile') templated.add(name);
  });
  const own = inModule && relativePath(inModule.folder, document.id);
  if (!inModule || own === undefined) return undefined;
  if (templated.has(own)) {
    const parsed = parseTemplateFile(document.hclParser!, document.text);
    return parsed && templateFileSource.read(document, parsed);
  }
  const { mine, model } = inModule;
  if (mine.length === 0) return undefined;
  return { ...alone, kind: mine[0].document.kind, policies: mine, ...(model.workspace && { roles: model.workspace }) };
}

/**
 * The role model of a document's module (its .tf files, the host's word) with the document as one of the template
 * or JSON files its attributes read (`self`), the module's folder (its .tf files', the document may be in a folder
 * under it) and the document's own policies in it (those over its whole text); `names` hears each file an
 * attribute reads and how. Undefined without a module or a parser.
 */
function readInModule(document: SourceDocument, self: ModuleFileInput, names?: (name: string, fn: 'file' | 'templatefile') => void) {
  const parser = document.hclParser;
  const configurations = (document.moduleFiles ?? []).filter((f) => isConfiguration(f) && f.text.length <= document.maxDocumentChars);
  if (!parser || configurations.length === 0) return undefined;
  const folder = folderOfId(configurations[0].id);
  const files = configurations.map((f) => ({ root: parser.parse(f.text), text: f.text, document: f.id }));
  const read = templateReader(parser, [self, ...moduleTemplates(document)], folder);
  const model = terraformModel(files, document.id, (name, kind, variables, fn) => {
    names?.(name, fn);
    return read(name, kind, variables, fn);
  });
  const mine = model.policies.filter((p) => p.range.start === 0 && p.range.end === document.text.length);
  return { folder, model, mine };
}

/**
 * A JSON file as `file()` reads it for an attribute of the given kind: the policy of its text as it is (a byte
 * order mark read as a space, as the policy file source reads it); undefined when it is not shaped like a policy.
 */
function jsonFilePolicy(text: string, kind: 'identity' | 'trust'): PolicyDocument | undefined {
  const read = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const alone = parsePolicy(read);
  if (alone.kind === 'not-a-policy' || alone.bareStatement || !alone.root) return undefined;
  return parsePolicy(read, { kind });
}

/**
 * A template file's policy from its parse (offsets moved back onto the file), with the variables `templatefile()`
 * binds to literal text rendered.
 */
function templatePolicy(text: string, parsed: ParsedTemplate, kind: 'identity' | 'trust' | undefined, variables?: ReadonlyMap<string, string>): PolicyDocument {
  const json = variables && variables.size > 0 ? (parseTemplateJson(parsed.parts, parsed.wrapped, variables) ?? parsed.json) : parsed.json;
  // The template was parsed inside a heredoc that wraps it; its offsets are moved back onto the file.
  const root = shiftTree(json.root as MutableNode, -parsed.shift, undefined);
  return policyFromTree(text, root, { ...(kind && { kind }), variableNotation: '$${', stringNotation: 'template-json' });
}

/**
 * The policies of a module's template and JSON files, for `terraformModel`: a file's policy as the attribute that
 * names it reads it (a trust policy in `assume_role_policy`): a JSON file named by `file()` as JSON, any other as
 * a template; undefined when it is not shaped like a policy.
 */
export function templateReader(parser: HclParser, templates: readonly ModuleFileInput[], folder: string): TemplateReader {
  return (name, kind, variables, fn) => {
    const file = templates.find((t) => relativePath(folder, t.id) === name);
    if (!file) return undefined;
    if (file.policyFile && fn === 'file') {
      const document = jsonFilePolicy(file.text, kind);
      return document && { id: file.id, text: file.text, document, template: false };
    }
    const parsed = parseTemplateFile(parser, file.text);
    if (!parsed || 'unescaped' in parsed) return undefined;
    return { id: file.id, text: file.text, document: templatePolicy(file.text, parsed, kind, variables), template: true };
  };
}

/**
 * The path of a document id (a path or a URI), its query and fragment aside, with `/` between its names and no
 * `.` or `name/..` in it (the CLI's ids are paths as written: `./m/guest.json` is `m/guest.json` of the module `m`).
 */
function pathOf(id: string): string {
  const end = [id.indexOf('?'), id.indexOf('#')].filter((i) => i >= 0);
  const uri = id.includes('://');
  const names = (end.length ? id.slice(0, Math.min(...end)) : id)
    .split('\\')
    .join('/')
    .split('/')
    // A URI's names are percent-encoded (`guest%20policy.json`), the names a .tf file writes are not.
    .map((name) => (uri ? decodedName(name) : name));
  const out: string[] = [];
  for (const [i, name] of names.entries()) {
    if (name === '.' && i < names.length - 1) continue;
    if (name === '..' && out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== '') out.pop();
    else out.push(name);
  }
  return out.join('/');
}

/** A URI path segment decoded; as it is when it is not valid percent-encoding. */
function decodedName(name: string): string {
  if (!name.includes('%')) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** The folder of a document id: its path up to its last `/`. */
export function folderOfId(id: string): string {
  const p = pathOf(id);
  return p.slice(0, p.lastIndexOf('/') + 1);
}

/** A document's path relative to a folder (`policies/guest.json.tpl`); undefined when it is not inside it. */
function relativePath(folder: string, id: string): string | undefined {
  const p = pathOf(id);
  return p.startsWith(folder) ? p.slice(folder.length) : undefined;
}

/** A template file parsed: its JSON policy (offsets into the wrapped text), or its unescaped variables; undefined when it is no policy. */
function parseTemplateFile(parser: HclParser, text: string): TemplateFile | undefined {
  const wrapped = wrapAsHeredoc(text);
  const tree = parser.parse(wrapped.text);
  // `${aws:username}` unescaped: Terraform rejects the template; the mistake is reported, nothing else is read.
  const unescaped = unescapedVariables(tree, wrapped.text, wrapped.shift);
  if (unescaped.length > 0) return { unescaped };
  const heredoc = findHeredoc(tree);
  const parts = heredoc && !containsError(heredoc) ? templateParts(heredoc, wrapped.text) : undefined;
  if (!parts) return undefined;
  const json = parseTemplateJson(parts, wrapped.text);
  if (!json?.root || json.root.type !== 'object' || !looksLikePolicy(json.root, objectElements(json.root))) return undefined;
  return { json, shift: wrapped.shift, parts, wrapped: wrapped.text };
}

/** A template file's JSON (offsets into the wrapped text), with the parts and text to render it again with variables. */
interface ParsedTemplate {
  readonly json: TemplateJson;
  readonly shift: number;
  readonly parts: TemplateParts;
  readonly wrapped: string;
}

/** What a template file's detection parsed: its JSON, or its unescaped variables. */
type TemplateFile = ParsedTemplate | { readonly unescaped: readonly Reported[] };

/** `x = <<DELIMITER` + the text + the delimiter, with a delimiter that is no line of the text. */
function wrapAsHeredoc(text: string): { text: string; shift: number } {
  const lines = new Set(text.split('\n').map((l) => l.trim()));
  let delimiter = 'TEMPLATE';
  for (let i = 0; lines.has(delimiter); i++) delimiter = `TEMPLATE${i}`;
  const head = `x = <<${delimiter}\n`;
  return { text: `${head}${text}\n${delimiter}\n`, shift: head.length };
}

function findHeredoc(root: HclNode): HclNode | undefined {
  const body = root.children.find((c) => c.type === 'body');
  const attribute = body?.children.find((c) => c.type === 'attribute');
  const value = attribute?.children.find((c) => c.type === 'expression');
  const node = value && unwrap(value);
  return node?.type === 'heredoc_template' ? node : undefined;
}

function shiftTree(node: MutableNode, by: number, parent: MutableNode | undefined): MutableNode {
  const out: MutableNode = { ...node, offset: node.offset + by, parent };
  if (node.colonOffset !== undefined) out.colonOffset = node.colonOffset + by;
  if (typeof node.offsets === 'number') out.offsets = node.offsets + by;
  else if (Array.isArray(node.offsets)) out.offsets = (node.offsets as readonly number[]).map((o) => o + by);
  if (node.children) out.children = node.children.map((c) => shiftTree(c, by, out));
  return out;
}
