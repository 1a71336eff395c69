/**
 * npm run bench: one line per figure, exactly `bench NAME key=value ...` (keep this format stable;
 * other tools read it). Benchmarks measure; tests never assert on time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeDocument, analyzePolicy, complete, parsePolicy, type HclParser } from '../../server/src/core';
import { createCatalog } from '../../server/src/core/catalog/catalog';
import { loadCatalogFromFile } from '../../server/src/node/loadCatalog';
import { LspTestClient } from '../integration/lspClient';
import { managedPolicyTexts } from '../unit/corpus';
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
  // Warm-up pass: the catalog builds its indexes lazily; the figure is for a warm server.
  for (const t of texts) analyzePolicy(t, catalog);
  let started = performance.now();
  for (const t of texts) JSON.parse(t);
  const parseMs = performance.now() - started;
  started = performance.now();
  for (const t of texts) analyzePolicy(t, catalog);
  const analyzeMs = performance.now() - started;
  console.log(`bench corpus files=${texts.length} analyze_ms=${fmt(analyzeMs)} json_parse_ms=${fmt(parseMs)} ratio=${(analyzeMs / parseMs).toFixed(1)}`);
}

/**
 * The managed-policy corpus written as Terraform (each policy once as heredoc JSON, once as jsonencode), read and
 * analysed from .tf text (HCL parse included), against the same policies analysed as JSON files.
 */
export function benchTerraform(parser: HclParser): void {
  const texts = managedPolicyTexts().map((p) => p.text);
  const files = texts.flatMap((t) => [heredoc(t), jsonencode(t)]);
  const analyzeTf = (text: string) => analyzeDocument({ text, fileName: 'main.tf' }, catalog, { hclParser: parser });
  for (const f of files) analyzeTf(f);
  let started = performance.now();
  for (const t of texts) {
    analyzePolicy(t, catalog);
    analyzePolicy(t, catalog);
  }
  const jsonMs = performance.now() - started;
  started = performance.now();
  for (const f of files) analyzeTf(f);
  const analyzeMs = performance.now() - started;
  console.log(`bench terraform files=${files.length} analyze_ms=${fmt(analyzeMs)} json_ms=${fmt(jsonMs)} ratio=${(analyzeMs / jsonMs).toFixed(1)}`);
}

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
    const status = fs.readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    console.log(`bench memory rss_mb=${Math.round(rssKb / 1024)} documents=${texts.length + 1}`);
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

async function main(): Promise<void> {
  // Keystroke first: it models editing one policy, not a heap holding 1,594 analysed documents.
  benchKeystroke();
  benchCompletion();
  benchCorpus();
  benchTerraform(await hclParser());
  benchFuzz();
  await benchColdStartAndMemory();
  benchCatalogBuild();
  benchHostilePattern();
}

if (require.main === module)
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
