/**
 * The architecture's boundaries, checked on the import graph of client/src and server/src (ARCHITECTURE.md,
 * "Target layout"): the core is pure; evaluate/ and features/ do not reach into checks/; input formats
 * (sources/) are read only by analyze/; checks never see a source; the client and the webview use only the
 * protocol module of the server side. Every import counts, type-only ones included: a boundary is about
 * what a module knows, not only what ends up in a bundle. Tests are not in the graph.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { test } from 'node:test';
import * as ts from 'typescript';

/** The one module of the server side that client/src (the extension and its webview) may import: the wire types. */
const PROTOCOL_MODULE = 'server/src/protocol';

// Compiled to out/test/unit/: ../../.. is the project root.
const root = path.resolve(__dirname, '../../..');

interface Edge {
  /** The importing file, relative to the root, with `/`. */
  readonly from: string;
  /** The specifier as written. */
  readonly specifier: string;
  /** For a relative specifier: the file it resolves to (or, when none exists, the path it names). */
  readonly target?: string;
  readonly resolved: boolean;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(m|c)?tsx?$/.test(entry.name) ? [rel] : [];
  });
}

function resolveRelative(from: string, specifier: string): { target: string; resolved: boolean } {
  const base = toPosix(path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)));
  const stem = base.replace(/\.(m|c)?js$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.d.ts`, `${stem}.mts`, `${stem}.cts`, `${base}/index.ts`];
  const found = candidates.find((c) => fs.existsSync(path.join(root, c)) && fs.statSync(path.join(root, c)).isFile());
  return found ? { target: found, resolved: true } : { target: base, resolved: false };
}

/** Every import of the file: import and export-from declarations, `import type`, `require(...)`, `import(...)`. */
function importsOf(file: string): Edge[] {
  const info = ts.preProcessFile(fs.readFileSync(path.join(root, file), 'utf8'), true, true);
  return info.importedFiles.map(({ fileName: specifier }) =>
    specifier.startsWith('.') ? { from: file, specifier, ...resolveRelative(file, specifier) } : { from: file, specifier, resolved: true },
  );
}

const files = [...sourceFiles('client/src'), ...sourceFiles('server/src')];
const edges = files.flatMap(importsOf);

const under = (dir: string) => (file: string | undefined) => file !== undefined && file.startsWith(`${dir}/`);
const inCore = under('server/src/core');
const inChecks = under('server/src/core/checks');
const inSources = under('server/src/core/sources');
const inAnalyze = under('server/src/core/analyze');
const inEvaluate = under('server/src/core/evaluate');
const inFeatures = under('server/src/core/features');
const inModel = under('server/src/core/model');
const inIam = under('server/src/core/iam');
const inFlow = under('server/src/core/flow');
const CORE_INDEX = 'server/src/core/index.ts';
const inClient = under('client/src');
const inServer = under('server/src');
const isProtocol = (file: string | undefined) =>
  file !== undefined && (file.replace(/\.(d\.)?(m|c)?ts$/, '') === PROTOCOL_MODULE || file.startsWith(`${PROTOCOL_MODULE}/`));

const BUILTINS = new Set(builtinModules);
/** What the core must not import: Node's modules (with or without `node:`), VS Code, the LSP libraries. */
function forbiddenInCore(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  if (BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0])) return true;
  return specifier === 'vscode' || /^vscode-language(server|client)/.test(specifier);
}

const list = (bad: readonly Edge[]) => bad.map((e) => `  ${e.from} -> ${e.specifier}`).join('\n');
function assertNone(bad: readonly Edge[], what: string): void {
  assert.equal(bad.length, 0, `${what}:\n${list(bad)}`);
}
const edge = (from: string, specifierOrTarget: string) =>
  edges.some((e) => e.from === from && (e.specifier === specifierOrTarget || e.target === specifierOrTarget));

test('the graph holds the sources it checks and resolves every relative import', () => {
  assert.ok(files.filter(inCore).length > 40, `${files.filter(inCore).length} core files`);
  assert.ok(files.filter(inClient).some(under('client/src/webview')), 'the webview is in the graph');
  assert.ok(edges.length > 200, `${edges.length} imports`);
  // An import that does not resolve would slip past the folder rules: none may.
  assertNone(
    edges.filter((e) => !e.resolved),
    'relative imports that name no source file',
  );
});

test('the core imports no Node module, no vscode, no vscode-languageserver or -languageclient', () => {
  // Controls: the scanner sees the core's bare imports, and the predicate flags what the Node host imports.
  assert.ok(edge('server/src/core/parse/parsePolicy.ts', 'jsonc-parser'));
  assert.ok(edges.some((e) => e.from === 'server/src/node/ruleDocs.ts' && forbiddenInCore(e.specifier)));
  assert.ok(forbiddenInCore('fs') && forbiddenInCore('fs/promises') && forbiddenInCore('vscode-languageserver/node') && !forbiddenInCore('jsonc-parser'));
  assertNone(
    edges.filter((e) => inCore(e.from) && forbiddenInCore(e.specifier)),
    'core imports of Node, vscode or the LSP libraries',
  );
});

test('the core imports nothing from outside server/src/core (a forbidden module cannot come in through a host file)', () => {
  assert.ok(edges.some((e) => inCore(e.from) && inCore(e.target)));
  assertNone(
    edges.filter((e) => inCore(e.from) && e.target !== undefined && !inCore(e.target)),
    'core imports of files outside the core',
  );
});

test('evaluate/, features/, flow/, model/ and iam/ import nothing from checks/', () => {
  assert.ok([inEvaluate, inFeatures, inFlow, inModel, inIam, inChecks].every((dir) => files.some(dir)));
  // Control: an import into checks/ is seen where it belongs.
  assert.ok(
    edges.some((e) => inAnalyze(e.from) && inChecks(e.target)),
    'analyze/ imports checks/',
  );
  const vocabularyUsers = (f: string) => inEvaluate(f) || inFeatures(f) || inFlow(f) || inModel(f) || inIam(f);
  assertNone(
    edges.filter((e) => vocabularyUsers(e.from) && inChecks(e.target)),
    'imports of checks/ from evaluate/, features/, flow/, model/ or iam/',
  );
});

test("sources/ is imported only by analyze/ (and by sources/ itself and the core's public surface, index.ts)", () => {
  // Control: imports into sources/ are seen (its own, at least).
  assert.ok(
    edges.some((e) => inSources(e.from) && inSources(e.target)),
    'imports within sources/',
  );
  assertNone(
    edges.filter((e) => inSources(e.target) && !inAnalyze(e.from) && !inSources(e.from) && e.from !== CORE_INDEX),
    'imports of sources/ from elsewhere',
  );
});

test('checks/ imports nothing from sources/', () => {
  assert.ok(files.some(inChecks) && files.some(inSources));
  assert.ok(
    edges.some((e) => inChecks(e.from) && inCore(e.target) && !inChecks(e.target)),
    'checks/ imports other core modules',
  );
  assertNone(
    edges.filter((e) => inChecks(e.from) && inSources(e.target)),
    'imports of sources/ from checks/',
  );
});

test(`client/src imports from server/src only the protocol module (${PROTOCOL_MODULE})`, () => {
  // Controls: the client's own relative imports resolve, and the rule tells the protocol module from the rest.
  assert.ok(edge('client/src/node/main.ts', 'client/src/common/activate.ts'));
  assert.ok(
    edges.some((e) => inClient(e.from) && isProtocol(e.target)),
    'the client imports the protocol module',
  );
  assert.ok(isProtocol(`${PROTOCOL_MODULE}.ts`) && isProtocol(`${PROTOCOL_MODULE}/flow.ts`) && !isProtocol('server/src/core/flow/inputs.ts'));
  assertNone(
    edges.filter((e) => inClient(e.from) && inServer(e.target) && !isProtocol(e.target)),
    'client imports of the server side other than the protocol module',
  );
});

test('the protocol module imports only itself and the core flow inputs, which import types only (the client bundles them)', () => {
  const inputs = 'server/src/core/flow/inputs.ts';
  assert.ok(
    edges.some((e) => isProtocol(e.from) && e.target === inputs),
    'the protocol re-exports the flow inputs',
  );
  assertNone(
    edges.filter((e) => isProtocol(e.from) && !isProtocol(e.target) && e.target !== inputs),
    'imports of the protocol module other than itself and the flow inputs',
  );
  const valueImports = fs
    .readFileSync(path.join(root, inputs), 'utf8')
    .split('\n')
    .filter((line) => /^\s*import\s/.test(line) && !/^\s*import\s+type\s/.test(line));
  assert.deepEqual(valueImports, [], `${inputs} must import types only: the webview and the client bundle it`);
});

test('no core file imports the core index (the barrel would hide which modules it really reaches)', () => {
  assert.ok(
    edges.some((e) => !inCore(e.from) && e.target === CORE_INDEX),
    'hosts import the core index',
  );
  assertNone(
    edges.filter((e) => inCore(e.from) && e.target === CORE_INDEX),
    'core imports of core/index.ts',
  );
});
