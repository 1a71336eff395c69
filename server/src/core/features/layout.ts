/**
 * The layout features of the IAM Policy language mode, which replace the built-in JSON service's there:
 * folding (one range per multi-line object or array) and formatting. Both work on jsonc-parser's scanner and
 * formatter (the parser the core already reads JSON with), so they hold in a document with syntax errors.
 */
import { createScanner, format, SyntaxKind, type FormattingOptions as JsonFormattingOptions } from 'jsonc-parser';
import type { Range } from '../model/policy';
import { lineBreakOf } from '../text/positions';
import type { TextEdit } from './completion';

/**
 * The objects and arrays of the text, from the opening bracket to the closing one (offsets), outermost
 * first; a bracket left open runs to the end of the text. The host folds those that span lines.
 */
export function foldingRanges(text: string): Range[] {
  const scanner = createScanner(text, true);
  const open: { readonly kind: SyntaxKind; readonly start: number; readonly index: number }[] = [];
  const out: (Range | undefined)[] = [];
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      open.push({ kind: token, start: scanner.getTokenOffset(), index: out.length });
      out.push(undefined); // its place: outermost first
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      const matching = token === SyntaxKind.CloseBraceToken ? SyntaxKind.OpenBraceToken : SyntaxKind.OpenBracketToken;
      // A stray closing bracket closes nothing; one of the other kind closes the brackets left open inside it.
      const at = open.map((o) => o.kind).lastIndexOf(matching);
      if (at < 0) continue;
      const end = scanner.getTokenOffset() + scanner.getTokenLength();
      for (const o of open.splice(at)) out[o.index] = { start: o.start, end };
    }
  }
  for (const o of open) out[o.index] = { start: o.start, end: text.length };
  return out.filter((r): r is Range => r !== undefined);
}

export interface FormatOptions {
  readonly tabSize: number;
  readonly insertSpaces: boolean;
  /** The line break to write; default: the document's own (lineBreakOf). */
  readonly eol?: string;
  readonly insertFinalNewline?: boolean;
}

/**
 * The edits that format the text (or the range of it) as JSON: one property per line, the editor's indentation.
 * Formatting changes whitespace only, so a policy means the same after it.
 */
export function formatEdits(text: string, range: Range | undefined, options: FormatOptions): TextEdit[] {
  const jsonOptions: JsonFormattingOptions = {
    tabSize: options.tabSize,
    insertSpaces: options.insertSpaces,
    eol: options.eol ?? lineBreakOf(text),
    insertFinalNewline: options.insertFinalNewline ?? false,
  };
  const edits = format(text, range && { offset: range.start, length: range.end - range.start }, jsonOptions);
  return edits.map((e) => ({ range: { start: e.offset, end: e.offset + e.length }, newText: e.content }));
}
