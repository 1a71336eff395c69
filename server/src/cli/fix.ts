/**
 * The CLI's side of `--fix` and `--fix-dry-run`: the core's Fix All edits kept to the file's own line endings and
 * final newline, the file written atomically, and a unified diff written from the edits themselves (no text diff:
 * the edits say which lines changed).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, type TextEdit } from '../core';

/** The line ending a file uses: CRLF when every line break is one, else LF. */
function lineEndingOf(text: string): '\n' | '\r\n' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1;
  return crlf > 0 && crlf === lf ? '\r\n' : '\n';
}

/**
 * The edits in the file's line endings (a CRLF file gets no lone LF), and with its final newline as it had it: one
 * that ended with a line break still does, one that did not still does not.
 */
export function keepFileEndings(original: string, edits: readonly TextEdit[]): TextEdit[] {
  const eol = lineEndingOf(original);
  const out = edits.map((e) => ({ range: e.range, newText: eol === '\r\n' ? e.newText.replace(/\r?\n/g, '\r\n') : e.newText }));
  const fixed = applyEdits(original, out);
  const endedWithNewline = /\n$/.test(original);
  if (original.length > 0 && endedWithNewline && !/\n$/.test(fixed)) out.push({ range: { start: original.length, end: original.length }, newText: eol });
  if (!endedWithNewline && out.length > 0 && /\n$/.test(fixed)) {
    // A fix that ends the file with a line break: drop that break from the last edit that writes it.
    const last = out.reduce((a, b) => (b.range.end >= a.range.end ? b : a));
    if (last.range.end === original.length) last.newText = last.newText.replace(/\r?\n$/, '');
  }
  return out;
}

/**
 * Writes the file atomically: a temporary file beside it (the real file's folder, through a symbolic link, which
 * stays a link), with its mode (and owner, when run as root), renamed over it. A file without any write
 * permission is refused (a rename would replace it anyway). A hard link of the file keeps the old text.
 */
export function writeFileAtomic(file: string, text: string): void {
  const target = fs.realpathSync(file);
  const stat = fs.statSync(target);
  if ((stat.mode & 0o222) === 0) throw new Error('the file is read-only');
  fs.accessSync(target, fs.constants.W_OK);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    fs.writeFileSync(temp, text, { encoding: 'utf8', mode: stat.mode & 0o7777, flag: 'wx' });
    fs.chmodSync(temp, stat.mode & 0o7777);
    // Run as root on someone else's file: the file stays theirs (elsewhere chown would fail, and is not needed).
    if (typeof process.getuid === 'function' && process.getuid() === 0 && (stat.uid !== 0 || stat.gid !== 0)) fs.chownSync(temp, stat.uid, stat.gid);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

const CONTEXT = 3;

/** Lines of a slice, each with its line break (the last one may have none). */
function linesOf(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

interface Change {
  /** 0-based first line of the original this change replaces, and how many lines. */
  oldStart: number;
  oldLines: string[];
  newStart: number;
  newLines: string[];
}

/**
 * A unified diff (as `diff -u` prints it, three lines of context) of the file under the edits; empty when they
 * change nothing. The lines keep their own line breaks' `\r`; a last line without a break is marked as diff marks it.
 */
export function unifiedDiff(file: string, original: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < original.length; i++) if (original[i] === '\n') lineStarts.push(i + 1);
  const lineCount = original.endsWith('\n') || original.length === 0 ? lineStarts.length - 1 : lineStarts.length;
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return Math.min(lo, Math.max(0, lineCount - 1));
  };
  // The edits grouped into blocks of whole lines (edits on a shared line are one block).
  const blocks: { first: number; last: number; edits: TextEdit[] }[] = [];
  for (const e of [...edits].sort((a, b) => a.range.start - b.range.start)) {
    const first = lineOf(e.range.start);
    const last = lineOf(e.range.end);
    const prev = blocks[blocks.length - 1];
    if (prev && first <= prev.last) {
      prev.last = Math.max(prev.last, last);
      prev.edits.push(e);
    } else blocks.push({ first, last, edits: [e] });
  }
  const changes: Change[] = [];
  let delta = 0; // new line number minus old line number after the blocks so far
  for (const b of blocks) {
    const from = lineStarts[b.first] ?? original.length;
    const to = b.last + 1 < lineStarts.length ? lineStarts[b.last + 1] : original.length;
    const oldLines = linesOf(original.slice(from, to));
    const newLines = linesOf(
      applyEdits(
        original.slice(from, to),
        b.edits.map((e) => ({ range: { start: e.range.start - from, end: e.range.end - from }, newText: e.newText })),
      ),
    );
    // Only the lines that differ.
    let head = 0;
    while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head++;
    let tail = 0;
    while (tail < oldLines.length - head && tail < newLines.length - head && oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail])
      tail++;
    const change = {
      oldStart: b.first + head,
      oldLines: oldLines.slice(head, oldLines.length - tail),
      newStart: b.first + head + delta,
      newLines: newLines.slice(head, newLines.length - tail),
    };
    delta += newLines.length - oldLines.length;
    if (change.oldLines.length > 0 || change.newLines.length > 0) changes.push(change);
  }
  if (changes.length === 0) return '';
  const originalLines = linesOf(original);
  const out = [`--- ${file}`, `+++ ${file}`];
  const line = (prefix: string, l: string) => {
    out.push(prefix + l.replace(/\n$/, ''));
    if (!l.endsWith('\n')) out.push('\\ No newline at end of file');
  };
  // Changes closer than twice the context share a hunk.
  for (let i = 0; i < changes.length;) {
    let j = i;
    while (j + 1 < changes.length && changes[j + 1].oldStart - (changes[j].oldStart + changes[j].oldLines.length) <= 2 * CONTEXT) j++;
    const start = Math.max(0, changes[i].oldStart - CONTEXT);
    const end = Math.min(originalLines.length, changes[j].oldStart + changes[j].oldLines.length + CONTEXT);
    const body: [string, string][] = [];
    let at = start;
    let newCount = 0;
    for (const c of changes.slice(i, j + 1)) {
      for (; at < c.oldStart; at++) body.push([' ', originalLines[at]]);
      for (const l of c.oldLines) body.push(['-', l]);
      for (const l of c.newLines) body.push(['+', l]);
      newCount += c.newLines.length - c.oldLines.length;
      at = c.oldStart + c.oldLines.length;
    }
    for (; at < end; at++) body.push([' ', originalLines[at]]);
    const oldCount = end - start;
    const newStart = start + (changes[i].newStart - changes[i].oldStart);
    const range = (s: number, n: number) => (n === 1 ? `${s + 1}` : `${n === 0 ? s : s + 1},${n}`);
    out.push(`@@ -${range(start, oldCount)} +${range(newStart, oldCount + newCount)} @@`);
    for (const [prefix, l] of body) line(prefix, l);
    i = j + 1;
  }
  return out.join('\n') + '\n';
}
