/**
 * cognito-pool-lint: the analyser for CI. Same core and rules as the language server.
 *   cognito-pool-lint [--format text|unix|json|sarif] [--rule ID=SEVERITY]... [--fix | --fix-dry-run] [--quiet] [--max-warnings N] PATH...
 * Exit 0: no errors; 1: errors found (or more warnings than --max-warnings); 2: usage or I/O error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyzeDocument,
  applyEdits,
  fixAllToFixedPoint,
  isSeveritySetting,
  isSourceFileName,
  LineIndex,
  ruleInfo,
  RULES,
  type Catalog,
  type DocumentKind,
  syntaxOfFileName,
  type Finding,
  type HclParser,
  type ModuleFileInput,
  type SeveritySetting,
  pushAll,
} from '../core';
import { loadCatalogFromFile } from '../node/loadCatalog';
import { readRegularFile } from '../node/workspaceRoles';
import { loadHclParser } from '../node/loadHclParser';
import { capYoungGeneration } from '../node/youngGeneration';
import { keepFileEndings, unifiedDiff, writeFileAtomic } from './fix';
import { runSimulate } from './simulate';
import { ProjectConfig, type CheckedFileConfig } from './projectConfig';
import { formatText, useColour } from './textFormat';
import { ruleHelp, sarifInvocation, type SarifInvocation } from './sarifRun';
import { formatCount, isChecked, MODULE_TEMPLATE_DEPTH } from '../core';
import { readNamedPolicyFiles } from './moduleFiles';

const USAGE = `Usage: cognito-pool-lint [--format text|unix|json|sarif] [--rule ID=SEVERITY]... [--fix | --fix-dry-run]
                         [--quiet] [--max-warnings N] PATH...
       cognito-pool-lint simulate --help   (may an identity do an action? for policy tests in CI)

Checks IAM policies of Amazon Cognito identity-pool roles (and any IAM policy JSON), and
CloudFormation/SAM templates (JSON or YAML): their policies and the roles across them,
and Terraform files (*.tf: heredoc JSON, jsonencode, aws_iam_policy_document; *.tpl and
*.tftpl template files). PATH is a file or a directory (searched recursively for *.json,
*.yaml, *.yml, *.template, *.tf, *.tpl and *.tftpl, skipping node_modules and folders
whose name starts with a dot). Files that hold no IAM policy are skipped.

Configuration: the nearest .cognito-pool-lint.json (or package.json "cognitoPool" key)
in the folder of each file or above: "rules" (severities), "ignore" (globs), "overrides"
([{"files": [globs], "rules": {...}}]) and "roles" (as the editor's cognitoPool.roles),
globs and paths relative to its folder. --rule wins over it.

Options:
  --format FORMAT      text (default: grouped by file, coloured on a terminal unless NO_COLOR;
                       FORCE_COLOR forces it), unix (one file:line:col severity message rule
                       line per finding, for scripts), json or sarif (SARIF 2.1.0, code scanning)
  --rule ID=SEVERITY   set a rule to off, hint, information, warning or error (repeatable)
  --fix                apply the editor's Fix All to each file, to its fixed point, and write
                       the files that changed (in place, atomically; layout, line endings and
                       final newline kept), then report what remains. Only the safe fixes:
                       never a did-you-mean guess, nor an aud condition (it needs the pool ID).
                       JSON policy files, JSON and YAML templates and Terraform files (in YAML
                       and Terraform only fixes inside one value, written in its own notation).
  --fix-dry-run        the same, writing nothing: a unified diff of each file that would change
                       (text format: before the report; json: each entry's "diff"; not sarif)
  --quiet              report errors only (warnings still count for --max-warnings)
  --max-warnings N     exit 1 when there are more than N warnings
  --list-rules         print every rule id with its default severity
  --version            print the version
  --help               print this help
  --                   end of options: every argument after it is a PATH

Exit status: 0 no errors, 1 errors found or more warnings than --max-warnings, 2 usage or
I/O error (a file that cannot be read or written; the other files are still checked).`;

class UsageError extends Error {}

interface Options {
  format: 'text' | 'unix' | 'json' | 'sarif';
  rules: Record<string, SeveritySetting>;
  paths: string[];
  /** --fix writes the fixed files, --fix-dry-run prints their diff. */
  fix?: 'write' | 'dry-run';
  quiet: boolean;
  maxWarnings?: number;
}

function parseArgs(argv: readonly string[]): Options | 'help' | 'version' | 'list-rules' {
  const options: Options = { format: 'text', rules: {}, paths: [], quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      // The end of options: every argument after it is a PATH, even one that starts with "-".
      pushAll(options.paths, argv.slice(i + 1));
      break;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--version':
        return 'version';
      case '--list-rules':
        return 'list-rules';
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'unix' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, unix, json or sarif, not "${f}".`);
        options.format = f;
        break;
      }
      case '--rule': {
        const spec = value();
        const eq = spec.indexOf('=');
        const id = spec.slice(0, eq);
        const severity = spec.slice(eq + 1);
        if (eq <= 0) throw new UsageError(`--rule takes ID=SEVERITY, e.g. --rule missing-version=off (got "${spec}").`);
        if (!ruleInfo(id)) throw new UsageError(`Unknown rule "${id}". --list-rules prints them all.`);
        if (!isSeveritySetting(severity)) throw new UsageError(`Severity "${severity}" for ${id}: use off, hint, information, warning or error.`);
        options.rules[id] = severity;
        break;
      }
      case '--fix':
      case '--fix-dry-run': {
        const mode = flag === '--fix' ? 'write' : 'dry-run';
        if (inline !== undefined) throw new UsageError(`${flag} takes no value.`);
        if (options.fix && options.fix !== mode) throw new UsageError('--fix and --fix-dry-run exclude each other.');
        options.fix = mode;
        break;
      }
      case '--quiet':
        if (inline !== undefined) throw new UsageError(`${flag} takes no value.`);
        options.quiet = true;
        break;
      case '--max-warnings': {
        const n = value();
        if (!/^\d+$/.test(n)) throw new UsageError(`--max-warnings takes a number of warnings, 0 or more (got "${n}").`);
        options.maxWarnings = Number(n);
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option "${arg}".`);
        options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) throw new UsageError('No PATH given.');
  if (options.fix === 'dry-run' && options.format === 'sarif') throw new UsageError('--fix-dry-run prints diffs: use --format text or json.');
  return options;
}

/**
 * Files to check: named files as given, directories searched for policies and templates. Only regular files: a
 * named FIFO, socket or device is an I/O error; a symbolic link met in a directory walk is skipped, and said so.
 */
function collectFiles(paths: readonly string[], ioErrors: string[], skipped: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      ioErrors.push(`cannot read ${dir}: ${(error as Error).message}`);
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && isSourceFileName(e.name)) files.push(full);
      else if (e.isSymbolicLink() && isSourceFileName(e.name))
        skipped.push(`${full}: a symbolic link (links inside a folder are not followed; name the file to check it)`);
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (error) {
      ioErrors.push(`cannot read ${p}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`);
      continue;
    }
    if (stat.isDirectory()) walk(p);
    else if (stat.isFile()) files.push(p);
    else ioErrors.push(`cannot read ${p}: not a regular file (a FIFO, a socket or a device)`);
  }
  return files;
}

interface FileResult {
  file: string;
  kind: DocumentKind;
  text: string;
  findings: readonly Finding[];
  /** Policies checked: 1 for a policy file, the embedded policies of a template. */
  policies: number;
  /** Under --fix: the file was fixed (written); under --fix-dry-run: it would be, and this is its diff. */
  fixed?: boolean;
  diff?: string;
}

function toJson(results: readonly FileResult[], fix: Options['fix']): unknown[] {
  return results.map((r) => {
    const lines = new LineIndex(r.text);
    return {
      file: r.file,
      kind: r.kind,
      ...(fix ? { fixed: r.fixed === true } : {}),
      ...(fix === 'dry-run' && r.diff ? { diff: r.diff } : {}),
      diagnostics: r.findings.map((f) => ({
        code: f.ruleId,
        severity: f.severity,
        message: f.message,
        range: { start: lines.positionAt(f.range.start), end: lines.positionAt(f.range.end) },
      })),
    };
  });
}

function toText(results: readonly FileResult[]): string {
  const out: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    const lines = new LineIndex(r.text);
    for (const f of r.findings) {
      const p = lines.positionAt(f.range.start);
      out.push(`${r.file}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.message} ${f.ruleId}`);
      counts[f.severity]++;
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const policies = results.reduce((n, r) => n + r.policies, 0);
  out.push(
    `${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information + counts.hint} info) in ${policies} polic${policies === 1 ? 'y' : 'ies'} of ${results.length} file${results.length === 1 ? '' : 's'}`,
  );
  return out.join('\n');
}

/** GitHub code scanning takes at most 25,000 results per run; the rest are counted in a notification. */
export const MAX_SARIF_RESULTS = 25_000;

function sarifCapNote(total: number): string {
  return `${formatCount(total - MAX_SARIF_RESULTS)} more results are not listed: one SARIF run holds at most ${formatCount(MAX_SARIF_RESULTS)} (GitHub code scanning's limit).`;
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

function toSarif(results: readonly FileResult[], version: string, catalog: Catalog, invocation: SarifInvocation): unknown {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  // A relative URI reference: each path segment percent-encoded (spaces, "#", "%", non-ASCII).
  const uri = (file: string) => path.relative(process.cwd(), path.resolve(file)).split(path.sep).map(encodeURIComponent).join('/');
  const all = results.flatMap((r) => r.findings.map((f) => ({ r, f })));
  const listed = new Map<FileResult, Finding[]>();
  for (const { r, f } of all.slice(0, MAX_SARIF_RESULTS)) {
    const list = listed.get(r);
    if (list) list.push(f);
    else listed.set(r, [f]);
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cognito-pool-lint',
            version,
            semanticVersion: version,
            properties: { iamCatalog: `${catalog.dataVersion} (${catalog.dataDate})` },
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.summary },
              fullDescription: { text: `${r.summary} Example: ${r.example}` },
              ...ruleHelp(r),
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
              properties: { tags: ['iam', 'cognito', r.family] },
            })),
          },
        },
        // Past GitHub's limit, the invocation's notifications also count the results left out.
        invocations: [
          all.length > MAX_SARIF_RESULTS
            ? {
                ...invocation,
                toolExecutionNotifications: [...invocation.toolExecutionNotifications, { level: 'warning', message: { text: sarifCapNote(all.length) } }],
              }
            : invocation,
        ],
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) => {
          const kept = listed.get(r);
          if (!kept) return [];
          const lines = new LineIndex(r.text);
          const region = (range: Finding['range']) => {
            const s = lines.positionAt(range.start);
            const e = lines.positionAt(Math.max(range.end, range.start));
            return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
          };
          const location = (range: Finding['range']) => ({
            physicalLocation: { artifactLocation: { uri: uri(r.file), uriBaseId: '%SRCROOT%' }, region: region(range) },
          });
          return kept.map((f) => ({
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [location(f.range)],
            // Related locations in this file (those in another file, a role's trust policy, need its text for positions).
            relatedLocations: f.related
              ?.filter((rel) => rel.document === undefined)
              .map((rel, i) => ({ id: i + 1, message: { text: rel.message }, ...location(rel.range) })),
          }));
        }),
      },
    ],
  };
}

/**
 * The Terraform module of a .tf, template or JSON file: every .tf and template file of its folder, the template files
 * of the folders under it (`policies/guest.json.tpl`, at most `MODULE_TEMPLATE_DEPTH` down) and the JSON files its
 * .tf files name (`file("policies/guest.json")`: namedJsonFiles; not every .json under the folder), read once per
 * folder whether or not they were named on the command line, so roles resolve across them and a template or JSON
 * file is the policy of the attributes that name it. `dir` is the module's folder (moduleFolderOf): a template or
 * JSON file's is the nearest one above it (or its own) that has .tf files.
 */
function moduleOf(file: string, dir: string, modules: Map<string, readonly ModuleFileInput[]>): readonly ModuleFileInput[] {
  let module = modules.get(dir);
  if (!module) {
    const found: ModuleFileInput[] = [];
    const walk = (folder: string, depth: number) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        entries = [];
      }
      for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          if (depth < MODULE_TEMPLATE_DEPTH && !SKIPPED_MODULE_FOLDERS.has(entry.name)) walk(full, depth + 1);
          continue;
        }
        const syntax = syntaxOfFileName(entry.name, '');
        if (syntax !== 'hcl-template' && (syntax !== 'hcl' || depth > 0)) continue;
        try {
          // Template files are what templatefile() and file() read: the policy of the attribute that names them.
          const text = readRegularFile(full);
          found.push({ id: full, text, ...(syntax === 'hcl-template' && { template: true }) });
        } catch {
          // An unreadable file of the folder lends nothing (it is reported when it is one of the files checked).
        }
      }
    };
    walk(dir, 0);
    module = [
      ...found,
      ...readNamedPolicyFiles(
        dir,
        found.filter((f) => !f.template),
      ),
    ];
    modules.set(dir, module);
  }
  // The file itself is the document analysed, however its path was written.
  return module.filter((f) => path.resolve(f.id) !== path.resolve(file));
}

/** A file's path as the module's files' ids write it (joined to the module's folder), when it is under that folder. */
function idInModule(file: string, dir: string): string {
  const relative = path.relative(dir, file);
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative) ? file : path.join(dir, relative);
}

const SKIPPED_MODULE_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.terraform', '.git']);

/**
 * The folder of a file's module: a .tf file's own; a template or JSON file's nearest folder (its own or above)
 * with .tf files (the folder's own when none has).
 */
function moduleFolderOf(file: string, hasTf = new Map<string, boolean>()): string {
  const own = path.dirname(file);
  if (syntaxOfFileName(file, '') === 'hcl') return own;
  return tfFolderOf(file, hasTf) ?? own;
}

/** The nearest folder of a file (its own, or at most `MODULE_TEMPLATE_DEPTH` above) with .tf files; undefined when none has. */
function tfFolderOf(file: string, hasTf: Map<string, boolean>): string | undefined {
  let folder = path.dirname(file);
  for (let i = 0; i <= MODULE_TEMPLATE_DEPTH; i++) {
    let has = hasTf.get(folder);
    if (has === undefined) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(folder);
      } catch {
        // an unreadable folder has no .tf file
      }
      has = names.some((n) => syntaxOfFileName(n, '') === 'hcl');
      hasTf.set(folder, has);
    }
    if (has) return folder;
    // `..` of a relative folder (`path.dirname('.')` is `.`: run from a template's own folder, the module above
    // it was never looked for).
    const parent = path.join(folder, '..');
    if (path.resolve(parent) === path.resolve(folder)) break;
    folder = parent;
  }
  return undefined;
}

/**
 * The module of a fixed .tf file holds its fixed text (the files of its folder analysed after it see the fix). `dir`
 * is the module's folder (moduleFolderOf), not the file's: a template in a sub-folder belongs to the module above it.
 */
function replaceInModule(modules: Map<string, readonly ModuleFileInput[]>, dir: string, file: string, text: string): void {
  const module = modules.get(dir);
  // Only the text changes: a template stays a template.
  if (module)
    modules.set(
      dir,
      module.map((f) => (path.resolve(f.id) === path.resolve(file) ? { ...f, text } : f)),
    );
}

function isTerraformFile(file: string): boolean {
  const syntax = syntaxOfFileName(file, '');
  return syntax === 'hcl' || syntax === 'hcl-template';
}

/**
 * The module of a file and its folder: a .tf or template file's always; a JSON file's when a .tf file of the
 * module names it (`file("guest.json")`), else undefined (a policy file alone).
 */
function terraformModuleOf(
  file: string,
  modules: Map<string, readonly ModuleFileInput[]>,
  hasTf: Map<string, boolean>,
): { dir: string; module: readonly ModuleFileInput[] } | undefined {
  if (isTerraformFile(file)) {
    const dir = moduleFolderOf(file, hasTf);
    return { dir, module: moduleOf(file, dir, modules) };
  }
  if (!path.basename(file).toLowerCase().endsWith('.json')) return undefined;
  const dir = tfFolderOf(file, hasTf);
  if (dir === undefined) return undefined;
  const module = moduleOf(file, dir, modules);
  const named = modules.get(dir)!.some((f) => f.policyFile && path.resolve(f.id) === path.resolve(file));
  return named ? { dir, module } : undefined;
}

/**
 * Whatever source reads the file (the core decides from its name and text, as the server does from the language
 * id). Under --fix and --fix-dry-run, the core's Fix All to its fixed point (the editor's, so only its safe fixes),
 * in the file's line endings and final newline, and the findings of the fixed text; a file that cannot be written
 * keeps its findings and adds an I/O error.
 */
function analyzeFile(
  file: string,
  text: string,
  catalog: Catalog,
  options: Options,
  hclParser: HclParser | undefined,
  terraformModule: readonly ModuleFileInput[] | undefined,
  moduleDir: string | undefined,
  ioErrors: string[],
  config: CheckedFileConfig,
  project: ProjectConfig,
): FileResult {
  // In a module, the file's id is written as its module's files are (`../policies/g.json` when the run starts in
  // `policies/`): the core finds a file of the module by its path under the module's folder.
  const input = { text, id: moduleDir === undefined ? file : idInModule(file, moduleDir), fileName: file };
  const runOptions = { rules: config.rules, hclParser, terraformModule, identityPool: config.roles?.identityPoolFor(file) };
  const analysis = analyzeDocument(input, catalog, runOptions);
  // The findings of the config file's roles (rules across documents) join the file's own, in document order.
  const withRoles = (findings: readonly Finding[]) => {
    const across = config.roles?.findingsFor(file, config.rules) ?? [];
    return across.length ? [...findings, ...across].sort((a, b) => a.range.start - b.range.start) : findings;
  };
  const result = (text: string, a: typeof analysis): FileResult => ({
    file,
    kind: a.kind,
    text,
    findings: withRoles(a.findings),
    // A policy read only for completion while it is typed (recovered from a parse error) is not checked: not counted.
    policies: a.kind === 'not-a-policy' ? 0 : a.policies.filter(isChecked).length,
  });
  if (!options.fix || analysis.kind === 'not-a-policy') return result(text, analysis);
  const { edits } = fixAllToFixedPoint(input, catalog, runOptions, analysis);
  if (edits.length === 0) return { ...result(text, analysis), fixed: false };
  const kept = keepFileEndings(text, edits);
  const fixed = applyEdits(text, kept);
  project.fixed(file, fixed);
  if (options.fix === 'write') {
    try {
      writeFileAtomic(file, fixed);
    } catch (error) {
      ioErrors.push(`cannot write ${file}: ${(error as Error).message}`);
      return { ...result(text, analysis), fixed: false };
    }
  }
  // A Terraform module's other files are as the run has them (main: a fixed file's module holds its fixed text).
  const after = analyzeDocument({ ...input, text: fixed }, catalog, runOptions);
  return { ...result(fixed, after), fixed: true, diff: options.fix === 'dry-run' ? unifiedDiff(file, text, kept) : undefined };
}

/** The version of the cognito-pool-lint package (packages/cli/package.json), set by the build (scripts/build.mjs). */
declare const COGNITO_POOL_LINT_VERSION: string | undefined;

function readVersion(): string {
  return typeof COGNITO_POOL_LINT_VERSION === 'string' ? COGNITO_POOL_LINT_VERSION : '0.0.0';
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'simulate') return await runSimulate(argv.slice(1));
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`cognito-pool-lint: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(readVersion() + '\n');
    return 0;
  }
  if (options === 'list-rules') {
    for (const r of RULES) process.stdout.write(`${r.id.padEnd(36)} ${r.defaultSeverity.padEnd(12)} ${r.summary}\n`);
    return 0;
  }
  // The young generation as the language server has it (node/youngGeneration.ts): checked between files.
  const young = capYoungGeneration();
  let catalog: Catalog;
  try {
    catalog = loadCatalogFromFile();
  } catch (error) {
    process.stderr.write(`cognito-pool-lint: ${(error as Error).message}\n`);
    return 2;
  }
  const ioErrors: string[] = [];
  const results: FileResult[] = [];
  const skipped: string[] = [];
  const files = collectFiles(options.paths, ioErrors, skipped);
  for (const s of skipped) process.stderr.write(`cognito-pool-lint: skipped ${s}\n`);
  // The HCL parser (WebAssembly) is loaded only for Terraform files.
  let hclParser: HclParser | undefined;
  const modules = new Map<string, readonly ModuleFileInput[]>();
  // A JSON file joins its module when a .tf file names it (then it is read with the HCL parser too).
  const hasTf = new Map<string, boolean>();
  if (files.some((f) => isTerraformFile(f) || terraformModuleOf(f, modules, hasTf))) {
    try {
      hclParser = await loadHclParser();
    } catch (error) {
      process.stderr.write(`cognito-pool-lint: the HCL parser could not be loaded: ${(error as Error).message}\n`);
      return 2;
    }
  }
  // Under --fix, a .tf file's fix changes its module: the fixes made in each folder so far, and when (and with which config) each file was analysed.
  const fixesIn = new Map<string, number>();
  const analysedAt = new Map<FileResult, { dir: string; fixes: number; config: CheckedFileConfig }>();
  // Config files: a problem in one is an error (exit 2) once, as a missing file its roles name is a warning.
  const project = new ProjectConfig(options.rules, (problem, invalid) => {
    if (invalid) ioErrors.push(problem);
    else process.stderr.write(`cognito-pool-lint: warning: ${problem}\n`);
  });
  for (const file of files) {
    young.check();
    const config = await project.forFile(file);
    if (config.ignored) continue;
    let text: string;
    try {
      text = readRegularFile(file);
    } catch (error) {
      ioErrors.push(`cannot read ${file}: ${(error as Error).message}`);
      continue;
    }
    // The module's folder is looked for once per file (a template's or JSON file's means reading the folders above it).
    const { dir, module } = terraformModuleOf(file, modules, hasTf) ?? {};
    const result = analyzeFile(file, text, catalog, options, hclParser, module, dir, ioErrors, config, project);
    results.push(result);
    if (!module || dir === undefined) continue;
    if (result.fixed) {
      replaceInModule(modules, dir, file, result.text);
      fixesIn.set(dir, (fixesIn.get(dir) ?? 0) + 1);
    }
    analysedAt.set(result, { dir, fixes: fixesIn.get(dir) ?? 0, config });
  }
  // A .tf file analysed before another file of its module was fixed is analysed again, with the module as fixed.
  for (const [i, r] of results.entries()) {
    const seen = analysedAt.get(r);
    if (seen === undefined || seen.fixes === (fixesIn.get(seen.dir) ?? 0)) continue;
    const again = analyzeFile(
      r.file,
      r.text,
      catalog,
      { ...options, fix: undefined },
      hclParser,
      moduleOf(r.file, seen.dir, modules),
      seen.dir,
      ioErrors,
      seen.config,
      project,
    );
    results[i] = { ...r, kind: again.kind, findings: again.findings, policies: again.policies };
  }
  // Warnings count for --max-warnings whether or not --quiet shows them (a hidden failure is said on stderr).
  const warnings = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  const shown = options.quiet ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : results;
  if (options.format === 'json') write(JSON.stringify(toJson(shown, options.fix), null, 2) + '\n');
  else if (options.format === 'sarif') {
    write(JSON.stringify(toSarif(shown, readVersion(), catalog, sarifInvocation(argv, ioErrors)), null, 2) + '\n');
    const total = shown.reduce((n, r) => n + r.findings.length, 0);
    if (total > MAX_SARIF_RESULTS) process.stderr.write(`cognito-pool-lint: ${sarifCapNote(total)}\n`);
  } else
    write(
      shown.map((r) => r.diff ?? '').join('') +
        (options.format === 'unix' ? toText(shown) : formatText(shown, useColour(process.stdout.isTTY, process.env))) +
        '\n',
    );
  for (const e of ioErrors) process.stderr.write(`cognito-pool-lint: ${e}\n`);
  if (ioErrors.length) return 2;
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings)
    process.stderr.write(`cognito-pool-lint: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}\n`);
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) || tooManyWarnings ? 1 : 0;
}

/** Standard output, which a reader may close early (`| head`): then the rest is dropped, as any filter does. */
function write(text: string): void {
  if (!stdoutClosed) process.stdout.write(text);
}

let stdoutClosed = false;

/**
 * EPIPE (the reader of stdout or stderr went away) ends the output, not the run: no stack trace, and the exit
 * status stays the one the findings give. Any other stream error is still thrown.
 */
function tolerateClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
      if (stream === process.stdout) stdoutClosed = true;
    });
  }
}

/** Runs the command with the process's arguments (dist/cli.js run directly, or the package's bin/ script). */
export function run(): void {
  tolerateClosedOutput();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A bug of ours: one message and exit status 2 ("usage or I/O error"), never 1, which means "errors found".
      process.stderr.write(`cognito-pool-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) run();
