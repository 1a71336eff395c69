/**
 * Calm diagnostics while typing. A finding that judges a name or value (an unknown element, action, key, a
 * malformed ARN, ...) is noise while that name is still being typed: `"Eff` is not yet `"Effect"`. So the
 * publish that follows an edit holds back the findings of these rules whose range touches the text just
 * edited, and a second publish once typing pauses (`cognitoPool.typingPauseMs` after the last edit) shows the
 * full set. Nothing else is ever held: no syntax error, no finding away from the edit.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core';

/** The rules that judge a name or value the user may be in the middle of typing. */
export const HELD_WHILE_TYPING: ReadonlySet<string> = new Set([
  'unknown-element',
  'invalid-value',
  'invalid-sid',
  'invalid-action-format',
  'unknown-service',
  'unknown-action',
  'action-wildcard-matches-nothing',
  'invalid-arn',
  'resource-mismatch',
  'action-needs-star-resource',
  'unknown-condition-operator',
  'unknown-condition-key',
  'condition-type-mismatch',
  'variable-missing-dollar',
  'variable-syntax',
  'unknown-variable',
  'trust-aud-format',
  'trust-amr-value',
  'invalid-identifier-value',
]);

/** Offsets [start, end] of text an edit inserted (or where it deleted: start = end), in the edited document. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** More changes in one event than this (a replace-all): no span, nothing held. */
const MAX_CHANGES = 64;

/**
 * Where `changes` (applied in order to `document`, as LSP's incremental sync sends them) edited the text, in
 * the offsets of the document after them. Undefined for a full-text change: it says nothing about a cursor.
 */
export function editedSpans(document: TextDocument, changes: readonly TextDocumentContentChangeEvent[]): Span[] | undefined {
  if (changes.length === 0 || changes.length > MAX_CHANGES) return undefined;
  // TextDocument.update changes the document it is given: the steps between changes are made on a copy.
  let doc = changes.length > 1 ? TextDocument.create(document.uri, document.languageId, document.version, document.getText()) : document;
  let spans: Span[] = [];
  for (const change of changes) {
    if (!('range' in change) || !change.range) return undefined;
    const start = doc.offsetAt(change.range.start);
    const end = doc.offsetAt(change.range.end);
    const delta = change.text.length - (end - start);
    // Earlier spans after this change move with it; one it overlaps grows to cover it.
    spans = spans.map((s) =>
      s.start >= end
        ? { start: s.start + delta, end: s.end + delta }
        : s.end < start
          ? s
          : { start: Math.min(s.start, start), end: Math.max(s.end + delta, start + change.text.length) },
    );
    spans.push({ start, end: start + change.text.length });
    if (changes.length > 1) doc = TextDocument.update(doc, [change], doc.version);
  }
  return spans;
}

/** A finding to hold back while the user types at `spans`: a rule of the set, its range touching an edit. */
export function heldWhileTyping(finding: Finding, spans: readonly Span[]): boolean {
  return HELD_WHILE_TYPING.has(finding.ruleId) && spans.some((s) => finding.range.start <= s.end && finding.range.end >= s.start);
}
