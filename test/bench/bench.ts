/**
 * npm run bench: one line per figure, exactly `bench NAME key=value ...` (keep this format stable;
 * other tools read it). Benchmarks measure; tests never assert on time.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeDocument, analyzePolicy, complete, parsePolicy, type HclParser } from '../../server/src/core';
import { createCatalog } from '../../server/src/core/catalog/catalog';
import { IDLE_COLLECTION_MS } from '../../server/src/node/idleCollection';
import { loadCatalogFromFile } from '../../server/src/node/loadCatalog';
import { LspTestClient } from '../integration/lspClient';
import { managedPolicyTexts } from '../unit/corpus';
import { descriptionsTemplate } from '../unit/lenientYaml';
import { hclParser } from '../unit/helpers';
import { heredoc, jsonencode } from '../unit/terraformWriters';

const catalogPath = path.resolve(__dirname, '../../../dist/catalog.json');
const catalog = loadCatalogFromFile(catalogPath);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const fmt = (n: number) => n.toFixed(n < 10 ? 3 : 1);

function benchCorpus(): void {
  const texts = managedPolicyTexts().map((p) => p.text);
  // Both sides warm (the catalog builds its indexes lazily; the figure is for a warm server) and each the median
  // of five passes, alternating: one cold or disturbed pass of a 10 ms denominator swung the ratio by a factor of 3.
  for (const t of texts) analyzePolicy(t, catalog);
  for (const t of texts) JSON.parse(t);
  const parses: number[] = [];
  const analyses: number[] = [];
  for (let pass = 0; pass < 5; pass++) {
    let started = performance.now();
    for (const t of texts) JSON.parse(t);
    parses.push(performance.now() - started);
    started = performance.now();
    for (const t of texts) analyzePolicy(t, catalog);
    analyses.push(performance.now() - started);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const parseMs = median(parses);
  const analyzeMs = median(analyses);
  console.log(`bench corpus files=${texts.length} analyze_ms=${fmt(analyzeMs)} json_parse_ms=${fmt(parseMs)} ratio=${(analyzeMs / parseMs).toFixed(1)}`);
}

/**
 * The managed-policy corpus written as Terraform (each policy once as heredoc JSON, once as jsonencode), read and
 * analysed from .tf text (HCL parse included), against the same policies analysed as JSON files (each twice, as
 * there are two .tf files of it): both through `analyzeDocument`, the entry every host calls per file. Both sides
 * are warmed up first (a first pass JIT-compiles the code and a pass after the other side's collects its garbage),
 * then timed in alternating rounds, and the fastest round of each is the figure.
 */
export function benchTerraform(parser: HclParser): void {
  const texts = managedPolicyTexts().map((p) => p.text);
  const files = texts.flatMap((t) => [heredoc(t), jsonencode(t)]);
  const analyzeTf = () => {
    for (const text of files) analyzeDocument({ text, fileName: 'main.tf' }, catalog, { hclParser: parser });
  };
  const analyzeJson = () => {
    for (const text of texts) {
      analyzeDocument({ text, fileName: 'policy.json' }, catalog);
      analyzeDocument({ text, fileName: 'policy.json' }, catalog);
    }
  };
  const timed = (run: () => void) => {
    const started = performance.now();
    run();
    return performance.now() - started;
  };
  analyzeTf();
  analyzeJson();
  let analyzeMs = Infinity;
  let jsonMs = Infinity;
  for (let round = 0; round < TERRAFORM_ROUNDS; round++) {
    jsonMs = Math.min(jsonMs, timed(analyzeJson));
    analyzeMs = Math.min(analyzeMs, timed(analyzeTf));
  }
  console.log(`bench terraform files=${files.length} analyze_ms=${fmt(analyzeMs)} json_ms=${fmt(jsonMs)} ratio=${(analyzeMs / jsonMs).toFixed(1)}`);
}

/** Timed rounds of each side of `bench terraform`. */
const TERRAFORM_ROUNDS = 3;

/** A realistic 6 KB identity-pool policy, edited one keystroke at a time. */
export function sixKilobytePolicy(): string {
  const statements: unknown[] = [];
  const sub = '${cognito-identity.amazonaws.com:sub}';
  for (let i = 0; statements.length < 60; i++) {
    statements.push(
      {
        Sid: `List${i}`,
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: `arn:aws:s3:::bucket-${i}`,
        Condition: { StringLike: { 's3:prefix': [`private/${sub}/*`] } },
      },
      { Sid: `Objects${i}`, Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::bucket-${i}/private/${sub}/*` },
      {
        Sid: `Items${i}`,
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query'],
        Resource: `arn:aws:dynamodb:us-east-1:123456789012:table/T${i}`,
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [sub] } },
      },
    );
    if (JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2).length >= 6000) break;
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

function benchKeystroke(): void {
  const base = sixKilobytePolicy();
  const at = base.indexOf('s3:GetObject') + 5;
  // Warm up as a long-running server is: the JIT needs a few hundred runs to settle.
  for (let i = 0; i < 300; i++) analyzePolicy(i % 2 === 0 ? base + ' ' : base, catalog);
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    // Type a character and delete it again, alternately: each edit is a new text.
    const text = i % 2 === 0 ? base.slice(0, at) + 'x' + base.slice(at) : base;
    const started = performance.now();
    analyzePolicy(text, catalog);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`bench keystroke p50_ms=${fmt(percentile(times, 50))} p99_ms=${fmt(percentile(times, 99))} size_bytes=${base.length}`);
}

/**
 * Completion requests at varied positions of the 6 KB policy (an action after its service prefix, a
 * Resource, a condition key, a variable after `${`, a statement key), each with the parse the server
 * does per request. Warm: the per-service item lists are built once per session.
 */
function benchCompletion(): void {
  const text = sixKilobytePolicy();
  const positions: number[] = [];
  const after = (needle: string, from = 0) => {
    const i = text.indexOf(needle, from);
    if (i < 0) throw new Error(`bench: "${needle}" not in the policy`);
    return i + needle.length;
  };
  for (let from = 0; positions.length < 40; from = positions[positions.length - 1] + 1) {
    positions.push(after('"s3:', from), after('"arn:aws:s3:::', from), after('"s3:prefix', from) - 3, after('${', from), after('"Sid": ', from) - 8);
  }
  for (let i = 0; i < 200; i++) complete(parsePolicy(text), positions[i % positions.length], catalog);
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const started = performance.now();
    complete(parsePolicy(text), positions[i % positions.length], catalog);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`bench completion p50_ms=${fmt(percentile(times, 50))} p99_ms=${fmt(percentile(times, 99))} size_bytes=${text.length}`);
}

/**
 * The slowest document among mutated policies (the fuzz test's inputs, timed here because tests
 * never assert on time). Deterministic: a fixed-seed generator picks the edits.
 */
function benchFuzz(): void {
  const seeds = managedPolicyTexts()
    .filter((_, i) => i % 17 === 0)
    .map((p) => p.text);
  const pieces = ['{', '}', '[', ']', '"', ',', ':', '*', '${', '}', 'arn:', '${cognito-identity.amazonaws.com:sub}', 'Statement', ' '];
  let state = 20261121;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  let max = 0;
  let count = 0;
  for (const seed of seeds) {
    for (let k = 0; k < 20; k++) {
      let text = seed;
      for (let e = 0; e < 1 + next(6); e++) {
        const at = next(text.length + 1);
        text = text.slice(0, at) + pieces[next(pieces.length)] + text.slice(at + next(5));
      }
      const started = performance.now();
      analyzePolicy(text, catalog);
      max = Math.max(max, performance.now() - started);
      count++;
    }
  }
  console.log(`bench fuzz documents=${count} max_ms=${fmt(max)}`);
}

async function benchColdStartAndMemory(): Promise<void> {
  const started = performance.now();
  const client = new LspTestClient();
  try {
    await client.initialize();
    await client.open('file:///bench/policy.json', sixKilobytePolicy());
    console.log(`bench cold-start ms=${Math.round(performance.now() - started)}`);
    const texts = managedPolicyTexts();
    for (const [i, p] of texts.entries()) await client.open(`file:///bench/corpus/${i}.json`, p.text);
    const statusMb = (field: string) =>
      Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${client.process.pid}/status`, 'utf8'))?.[1]) / 1024);
    const busy = statusMb('VmRSS');
    // rss_mb is the idle server's: once its idle collection (node/idleCollection.ts) has had time to run.
    await new Promise((resolve) => setTimeout(resolve, IDLE_COLLECTION_MS + 1_500));
    console.log(`bench memory rss_mb=${statusMb('VmRSS')} busy_rss_mb=${busy} peak_rss_mb=${statusMb('VmHWM')} documents=${texts.length + 1}`);
  } finally {
    await client.shutdown();
  }
}

/**
 * createCatalog over the generated data plus the first lookups (an action, a templated key): what the
 * server pays once at start, after reading the file. The first build, then the median of further builds.
 */
function benchCatalogBuild(): void {
  const text = fs.readFileSync(catalogPath, 'utf8');
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const data: unknown = JSON.parse(text);
    const started = performance.now();
    const fresh = createCatalog(data);
    if (!fresh.action('s3', 'GetObject') || !fresh.conditionKey('aws:PrincipalTag/team')) throw new Error('bench: catalog lookups failed');
    times.push(performance.now() - started);
  }
  const first = times[0];
  times.sort((a, b) => a - b);
  console.log(`bench catalog-build first_ms=${fmt(first)} p50_ms=${fmt(percentile(times, 50))} runs=${times.length}`);
}

/**
 * matchActions on patterns that make a backtracking matcher exponential (twenty `*a`, then a letter: no
 * `service:action` text matches), on the warm catalog. Each pattern differs so that the match cache does not answer.
 */
function benchHostilePattern(): void {
  const ends = 'bcdfgjkmpqvwxyz';
  let max = 0;
  for (const end of ends) {
    const started = performance.now();
    catalog.matchActions(`${'*a'.repeat(20)}*${end}`);
    max = Math.max(max, performance.now() - started);
  }
  console.log(`bench match-hostile-pattern patterns=${ends.length} max_ms=${fmt(max)}`);
}

/**
 * A 190 KB identity-pool policy (distinct buckets, tables and prefixes per statement), the size the
 * memory leak of issue 15 was measured on.
 */
export function largePolicy(): string {
  const statements: unknown[] = [];
  const sub = '${cognito-identity.amazonaws.com:sub}';
  for (let i = 0; JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2).length < 190_000; i++) {
    for (let k = 0; k < 10; k++, i++) {
      statements.push(
        {
          Sid: `Objects${i}`,
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', `s3:GetObjectTagging`],
          Resource: `arn:aws:s3:::bucket-${i}/private/${sub}/*`,
        },
        {
          Sid: `Items${i}`,
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:Query'],
          Resource: `arn:aws:dynamodb:us-east-1:123456789012:table/Table${i}`,
          Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [sub] } },
        },
      );
    }
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

/**
 * The 190 KB policy edited 1,000 times through the analysis path (each edit types a letter into one of
 * 50 actions or resources, so every version has texts no earlier version had), in a process of
 * its own with an exposed GC: RSS (and live heap) after the edits minus after 100 warm-up edits (by then the heap has
 * grown to its working size), both after a full collection. Flat means no analysed version stays alive.
 */
function benchMemoryEditing(): void {
  const child = spawnSync(process.execPath, ['--expose-gc', __filename, '--memory-editing'], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench memory-editing: ${child.stderr}`);
  process.stdout.write(child.stdout);
}

async function memoryEditingChild(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('bench memory-editing: run with --expose-gc');
  const base = largePolicy();
  let text = base;
  const edit = (i: number) => {
    // Typing: even edits into the k-th GetObjectTagging action, odd ones into the k-th Resource, a letter each.
    const needle = i % 2 === 0 ? '"s3:GetObjectTagging' : '"arn:aws:';
    const k = Math.floor(i / 2) % 50;
    let at = -1;
    for (let n = 0; n <= k; n++) at = text.indexOf(needle, at + 1);
    const end = text.indexOf('"', at + 1);
    const letter = String.fromCharCode(97 + (i % 26));
    // Flat, as a server receives each version from the client.
    text = JSON.parse(JSON.stringify(text.slice(0, end) + letter + text.slice(end))) as string;
    analyzeDocument({ text, id: 'file:///bench/large.json', languageId: 'json' }, catalog);
  };
  // Freed pages go back to the system in the background (V8 unmaps them on a worker thread): collect, wait,
  // collect again, and wait again before reading. Read right after the second collection, the resident set still
  // held the pages it had just freed, up to 100 MB: rss_growth_mb swung between 9 and 56 MB from run to run.
  const pause = () => new Promise((resolve) => setTimeout(resolve, 500));
  const settle = async () => {
    gc();
    await pause();
    gc();
    await pause();
    return process.memoryUsage();
  };
  const warmUp = 100;
  for (let i = 0; i < warmUp; i++) edit(i);
  const before = await settle();
  const edits = 1000;
  for (let i = warmUp; i < warmUp + edits; i++) edit(i);
  const after = await settle();
  const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
  console.log(
    `bench memory-editing rss_growth_mb=${mb(after.rss - before.rss)} heap_growth_mb=${mb(after.heapUsed - before.heapUsed)} edits=${edits} size_bytes=${base.length}`,
  );
}

/**
 * The CLI as a process on the managed-policy corpus written to a folder (the text format, output
 * discarded): wall time and peak RSS (the process's own `maxRSS`, reported at exit by a preload).
 */
function benchCliCorpus(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pool-bench-'));
  try {
    const policies = path.join(dir, 'policies');
    fs.mkdirSync(policies);
    for (const [i, p] of managedPolicyTexts().entries()) fs.writeFileSync(path.join(policies, `${i}.json`), p.text);
    const preload = path.join(dir, 'peak.js');
    const peakFile = path.join(dir, 'peak.txt');
    fs.writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(peakFile)}, String(process.resourceUsage().maxRSS)));\n`,
    );
    const cli = path.resolve(__dirname, '../../../dist/cli.js');
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--require', preload, cli, policies], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const wallMs = performance.now() - started;
    if (child.status !== 0 && child.status !== 1) throw new Error(`bench cli-corpus: exit ${child.status}: ${child.stderr}`);
    const peakKb = Number(fs.readFileSync(peakFile, 'utf8'));
    console.log(`bench cli-corpus wall_ms=${Math.round(wallMs)} peak_rss_mb=${Math.round(peakKb / 1024)} files=${fs.readdirSync(policies).length}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Templates whose statements are each under `Fn::If` (one condition, `AWS::NoValue` the other branch), against the
 * same template with literal statements: the cost of checking each reading (analyze/variants.ts). Both warm, the
 * median of five alternating runs each.
 */
function benchTemplateFnIf(): void {
  const policies = managedPolicyTexts()
    .filter((_, i) => i % 8 === 0)
    .map((p) => JSON.parse(p.text) as { Statement: unknown });
  const template = (wrap: boolean) =>
    JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: Object.fromEntries(
        policies.map((doc, i) => {
          const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
          const Statement = wrap ? statements.map((s) => ({ 'Fn::If': ['IsProd', s, { Ref: 'AWS::NoValue' }] })) : statements;
          return [`P${i}`, { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { ...doc, Statement } } }];
        }),
      ),
    });
  const literal = template(false);
  const fnIf = template(true);
  const time = (text: string) => {
    const started = performance.now();
    analyzeDocument({ text, id: 't.json', fileName: 't.json' }, catalog);
    return performance.now() - started;
  };
  // Both warm, then the median of five alternating runs each (one run of each swung the ratio from 0.8 to 2).
  time(literal);
  time(fnIf);
  const literalTimes: number[] = [];
  const fnIfTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    literalTimes.push(time(literal));
    fnIfTimes.push(time(fnIf));
  }
  const median = (times: number[]) => times.sort((a, b) => a - b)[2];
  const literalMs = median(literalTimes);
  const fnIfMs = median(fnIfTimes);
  console.log(`bench template-fn-if policies=${policies.length} literal_ms=${fmt(literalMs)} fn_if_ms=${fmt(fnIfMs)} ratio=${(fnIfMs / literalMs).toFixed(1)}`);
}

/**
 * A 3,000-line YAML template with 150 quoted strings whose second line is indented no deeper than its key (read as
 * CloudFormation reads them: one scan, one more parse, yamlTree.ts), against the same template with those lines
 * indented deeper (strict YAML reads it). Each the median of seven warm analyses, alternating.
 */
function benchYamlLenient(): void {
  const resources = 270;
  const strings = 150;
  const lenient = descriptionsTemplate(resources, strings).text;
  const strict = descriptionsTemplate(resources, 0).text;
  const time = (text: string) => {
    const started = performance.now();
    analyzeDocument({ text, id: 't.yaml', fileName: 't.yaml' }, catalog);
    return performance.now() - started;
  };
  time(strict);
  time(lenient);
  // Alternating rounds, so that a disturbed moment of the shared machine falls on both sides.
  const lenientTimes: number[] = [];
  const strictTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    strictTimes.push(time(strict));
    lenientTimes.push(time(lenient));
  }
  const median = (times: number[]) => times.sort((a, b) => a - b)[3];
  const lenientMs = median(lenientTimes);
  const strictMs = median(strictTimes);
  console.log(
    `bench yaml-lenient strings=${strings} lines=${lenient.split('\n').length - 1} ms=${fmt(lenientMs)} strict_ms=${fmt(strictMs)} ratio=${(lenientMs / strictMs).toFixed(1)}`,
  );
}

/** In the order they run. `node out/test/bench/bench.js NAME...` runs only the named ones. */
const BENCHES: Record<string, () => void | Promise<void>> = {
  // Keystroke first: it models editing one policy, not a heap holding 1,594 analysed documents.
  keystroke: benchKeystroke,
  completion: benchCompletion,
  corpus: benchCorpus,
  terraform: async () => benchTerraform(await hclParser()),
  fuzz: benchFuzz,
  memory: benchColdStartAndMemory,
  'catalog-build': benchCatalogBuild,
  'match-hostile-pattern': benchHostilePattern,
  'memory-editing': benchMemoryEditing,
  'cli-corpus': benchCliCorpus,
  'template-fn-if': benchTemplateFnIf,
  'yaml-lenient': benchYamlLenient,
};

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const name of only) if (!(name in BENCHES)) throw new Error(`bench: no bench "${name}" (${Object.keys(BENCHES).join(', ')})`);
  for (const [name, run] of Object.entries(BENCHES)) if (only.length === 0 || only.includes(name)) await run();
}

if (require.main === module && process.argv[2] === '--memory-editing') void memoryEditingChild();
else if (require.main === module)
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
