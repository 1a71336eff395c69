/**
 * Fix All to its fixed point: the preferred fixes of every policy in the document (features/codeActions.ts
 * `fixAll`, one set of non-overlapping edits), applied, the text analysed again, and again, until no preferred
 * fix is left: the fixes of a fix (a `$`-less variable carried into a new condition) and the fixes that were in
 * the way of another are applied in the same run. Bounded (MAX_FIX_ROUNDS), and it stops on a text seen
 * before, so it never loops. The result is ONE combined edit of the original text: the changed spans of the
 * original, found by tracking which original characters survive every round (no text diff).
 */
import type { Catalog } from '../catalog/types';
import { fixAll, type FixOptions } from '../features/codeActions';
import type { TextEdit } from '../features/completion';
import type { Finding } from '../model/findings';
import type { PolicyDocument } from '../model/policy';
import { documentAt } from './variants';
import { analyzeDocument, type AnalyzedPolicy, type DocumentAnalysis, type DocumentInput } from './analyzeDocument';
import type { RunOptions } from './runSource';
import { pushAll } from '../text/lists';

export const MAX_FIX_ROUNDS = 10;

export interface FixAllResult {
  /** The text after every round. */
  readonly text: string;
  /** Non-overlapping edits of the ORIGINAL text that produce `text` (empty: nothing to fix). */
  readonly edits: readonly TextEdit[];
  /** Rounds that changed the text. */
  readonly rounds: number;
}

export interface FixAllOptions extends RunOptions {
  /** `cognitoPool.identityPoolId` for the aud fix (the syntax comes from each round's analysis). */
  readonly identityPoolId?: string;
  /** The bound on rounds (default and at most MAX_FIX_ROUNDS). */
  readonly maxRounds?: number;
}

/** The findings inside one policy of the analysis (a template's findings span several policies). */
export function findingsOfPolicy(analysis: DocumentAnalysis, policy: AnalyzedPolicy): Finding[] {
  return analysis.findings.filter((f) => policy.range.start <= f.range.start && f.range.end <= policy.range.end);
}

/**
 * The findings inside one policy grouped by the reading of the policy they are in (`documentAt`: a template's
 * `Fn::If` branch is fixed in the reading that takes it), each with that document.
 */
export function readingsOfPolicy(analysis: DocumentAnalysis, policy: AnalyzedPolicy): { doc: PolicyDocument; findings: Finding[] }[] {
  const findings = findingsOfPolicy(analysis, policy);
  if (!policy.variants) return [{ doc: policy.document, findings }];
  const out: { doc: PolicyDocument; findings: Finding[] }[] = [];
  for (const f of findings) {
    const doc = documentAt(policy, f.range);
    const group = out.find((g) => g.doc === doc);
    if (group) group.findings.push(f);
    else out.push({ doc, findings: [f] });
  }
  return out;
}

/** One round's edits: each policy's preferred fixes, none overlapping another policy's. */
export function preferredEdits(analysis: DocumentAnalysis, options: Pick<FixOptions, 'identityPoolId'> = {}): TextEdit[] {
  const fixOptions: FixOptions = { identityPoolId: options.identityPoolId, syntax: analysis.syntax };
  const chosen: TextEdit[] = [];
  for (const p of analysis.policies) {
    if (p.document.kind === 'not-a-policy') continue;
    for (const reading of readingsOfPolicy(analysis, p)) {
      const edits = fixAll(reading.doc, reading.findings, fixOptions);
      if (edits.some((e) => chosen.some((c) => (c.range.start < e.range.end && e.range.start < c.range.end) || c.range.start === e.range.start))) continue;
      pushAll(chosen, edits);
    }
  }
  return chosen;
}

/**
 * `first`: the host's analysis of `input.text` when it has one (the server's cache), so round one analyses
 * nothing again.
 */
export function fixAllToFixedPoint(input: DocumentInput, catalog: Catalog, options: FixAllOptions = {}, first?: DocumentAnalysis): FixAllResult {
  const pieces = new Pieces(input.text);
  const seen = new Set([input.text]);
  let text = input.text;
  let rounds = 0;
  let analysis = first ?? analyzeDocument(input, catalog, options);
  const bound = Math.min(options.maxRounds ?? MAX_FIX_ROUNDS, MAX_FIX_ROUNDS);
  while (rounds < bound) {
    const edits = preferredEdits(analysis, options);
    if (edits.length === 0) break;
    const next = applyEdits(text, edits);
    if (seen.has(next)) break; // a fix undoing another: stop at the text before the cycle
    for (const e of [...edits].sort((a, b) => b.range.start - a.range.start)) pieces.replace(e.range.start, e.range.end, e.newText);
    seen.add(next);
    text = next;
    rounds++;
    analysis = analyzeDocument({ ...input, text }, catalog, options);
  }
  return { text, edits: pieces.editsOfOriginal(input.text), rounds };
}

/** Applies non-overlapping edits (any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

/**
 * The current text as runs of original characters (`from` their offset in the original) and inserted text. An
 * original run that survives stays; whatever lies between two surviving runs is one edit of the original.
 */
class Pieces {
  private runs: { text: string; from?: number }[];
  constructor(original: string) {
    this.runs = original.length > 0 ? [{ text: original, from: 0 }] : [];
  }

  /** Replaces [start, end) of the current text. */
  replace(start: number, end: number, newText: string): void {
    const out: { text: string; from?: number }[] = [];
    let pos = 0;
    let inserted = false;
    for (const run of this.runs) {
      const runStart = pos;
      const runEnd = pos + run.text.length;
      pos = runEnd;
      if (runEnd <= start) {
        out.push(run);
        continue;
      }
      if (runStart < start) out.push(slice(run, 0, start - runStart));
      if (!inserted) out.push({ text: newText });
      inserted = true;
      if (runEnd > end) out.push(slice(run, Math.max(0, end - runStart), run.text.length));
    }
    if (!inserted) out.push({ text: newText });
    this.runs = out.filter((r) => r.text.length > 0);
  }

  editsOfOriginal(original: string): TextEdit[] {
    const edits: TextEdit[] = [];
    let expected = 0; // the original offset the next surviving run would continue from
    let pending = '';
    const flush = (until: number) => {
      if (until > expected || pending.length > 0) edits.push(trimmed(original, { range: { start: expected, end: until }, newText: pending }));
      pending = '';
    };
    for (const run of this.runs) {
      if (run.from === undefined) {
        pending += run.text;
        continue;
      }
      flush(run.from);
      expected = run.from + run.text.length;
    }
    flush(original.length);
    return edits.filter((e) => e.range.start !== e.range.end || e.newText.length > 0);
  }
}

function slice(run: { text: string; from?: number }, a: number, b: number): { text: string; from?: number } {
  return { text: run.text.slice(a, b), from: run.from === undefined ? undefined : run.from + a };
}

/** The edit without the characters its new text shares with the replaced text at both ends. */
function trimmed(original: string, e: TextEdit): TextEdit {
  const old = original.slice(e.range.start, e.range.end);
  let head = 0;
  while (head < old.length && head < e.newText.length && old[head] === e.newText[head]) head++;
  let tail = 0;
  while (tail < old.length - head && tail < e.newText.length - head && old[old.length - 1 - tail] === e.newText[e.newText.length - 1 - tail]) tail++;
  return { range: { start: e.range.start + head, end: e.range.end - tail }, newText: e.newText.slice(head, e.newText.length - tail) };
}
