import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHclParser, HCL_WASM_FILES, type HostHclParser } from '../../server/src/common/hclParser';
import { analyzePolicy, type AnalyzeOptions, type HclParser } from '../../server/src/core';
import { loadCatalogFromFile } from '../../server/src/node/loadCatalog';

/** The real generated catalog (npm run build writes it). Tests are compiled to out/test/unit. */
export const catalog = loadCatalogFromFile(path.resolve(__dirname, '../../../dist/catalog.json'));

/** A policy document text from statements, 2012-10-17 unless told otherwise. */
export function policy(statements: unknown, top: Record<string, unknown> = { Version: '2012-10-17' }): string {
  return JSON.stringify({ ...top, Statement: statements }, null, 2);
}

export function analyze(text: string, options?: AnalyzeOptions) {
  return analyzePolicy(text, catalog, options);
}

/** The exact source text each finding of `ruleId` covers. */
export function hits(text: string, ruleId: string, options?: AnalyzeOptions): string[] {
  return analyze(text, options)
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => text.slice(f.range.start, f.range.end));
}

/** "ruleId: covered text" for every finding: for asserting that a document has exactly these. */
export function summary(text: string, options?: AnalyzeOptions): string[] {
  return analyze(text, options).findings.map((f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)}`);
}

/**
 * A YAML template with one AWS::IAM::ManagedPolicy whose PolicyDocument is `lines`, as written under
 * `PolicyDocument:` (each indented 8 spaces here), e.g. `["Version: '2012-10-17'", 'Statement:', '  - Effect: Allow']`.
 */
export function yamlManagedPolicy(lines: readonly string[]): string {
  return [
    'Resources:',
    '  Policy:',
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    '      PolicyDocument:',
    ...lines.map((l) => `        ${l}`),
    '',
  ].join('\n');
}

/** The hosts' HCL parser (web-tree-sitter with the Terraform grammar), from node_modules' .wasm files; created once. */
let hclParserPromise: Promise<HostHclParser> | undefined;
export function hclParser(): Promise<HostHclParser> {
  hclParserPromise ??= createHclParser(hclWasm());
  return hclParserPromise;
}

/**
 * The same parser as the reference: every text parsed as written (its templates' literals not masked,
 * hclLiteralMask.ts) and every node of the copy asked of tree-sitter.
 */
let referenceHclParserPromise: Promise<HclParser> | undefined;
export function referenceHclParser(): Promise<HclParser> {
  referenceHclParserPromise ??= createHclParser(hclWasm(), { reference: true });
  return referenceHclParserPromise;
}

function hclWasm() {
  const modules = path.resolve(__dirname, '../../../node_modules');
  return {
    runtime: fs.readFileSync(path.join(modules, 'web-tree-sitter', HCL_WASM_FILES.runtime)),
    grammar: fs.readFileSync(path.join(modules, '@tree-sitter-grammars', 'tree-sitter-hcl', HCL_WASM_FILES.grammar)),
  };
}
