/**
 * The syntax problems of a JSON text that is not strict JSON, as people should see them: one finding per
 * mistake. jsonc-parser's error recovery reports a cascade after one mistake (a stray quote yields a dozen
 * errors, most of them far from the mistake), so only its FIRST error is kept; every comment is a mistake of
 * its own (jsonc-parser skips comments without an error, IAM rejects them), one problem per run of adjacent
 * comments. Ranges are on the offending character, found from the scanner's tokens, never by searching text:
 * a trailing comma on the comma (jsonc-parser reports it at the next token), a stray quote on the quote, an
 * unterminated string on its opening quote.
 */
import { createScanner, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { SyntaxProblem, SyntaxProblemKind } from '../model/policy';

// jsonc-parser's SyntaxKind (a const enum in its typings).
const COMMA_TOKEN = 5;
const STRING_LITERAL = 10;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const LINE_BREAK = 14;
const TRIVIA = 15;
const UNKNOWN = 16;
const EOF = 17;

interface Token {
  readonly kind: number;
  readonly offset: number;
  readonly end: number;
}

/** `errors`: jsonc-parser's, in the order it reported them. Sorted by offset. */
export function describeSyntaxProblems(text: string, errors: readonly ParseError[]): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const first = errors[0];
  // One pass of the scanner (iterative: no stack to overflow): the comments, and the last token before the first error.
  const scanner = createScanner(text, false);
  let before: Token | undefined; // the last token (not trivia, not a comment) ending at or before the first error
  let at: Token | undefined; // the token the first error is on
  let comment: { start: number; end: number } | undefined;
  for (let kind: number = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    const end = offset + scanner.getTokenLength();
    // After the first error the scanner's idea of where strings end is in doubt (a stray quote turns `"photos/*"`
    // into text with a `/*` in it): comments there are left for when the error is fixed.
    if (first && offset >= first.offset) break;
    if (kind === LINE_COMMENT || kind === BLOCK_COMMENT) {
      if (comment) comment.end = end;
      else comment = { start: offset, end };
      continue;
    }
    if (kind === LINE_BREAK || kind === TRIVIA) continue;
    if (comment) problems.push(commentProblem(comment));
    comment = undefined;
    before = { kind, offset, end };
  }
  if (first) {
    scanner.setPosition(first.offset);
    const kind: number = scanner.scan();
    if (kind !== EOF) at = { kind, offset: scanner.getTokenOffset(), end: scanner.getTokenOffset() + scanner.getTokenLength() };
  }
  if (comment) problems.push(commentProblem(comment));
  if (first) {
    const error = errorProblem(first, before, at);
    // An unterminated comment is one problem: the comment's (it runs to the end of the text).
    if (error.kind === 'comment') {
      const i = problems.findIndex((p) => p.range.start <= first.offset && first.offset <= p.range.end);
      if (i >= 0) problems.splice(i, 1);
    }
    problems.push(error);
  }
  return problems.sort((a, b) => a.range.start - b.range.start);
}

function commentProblem(range: { start: number; end: number }): SyntaxProblem {
  return {
    kind: 'comment',
    message: 'Comments are not allowed: IAM accepts strict JSON only. Remove the comment.',
    range: { start: range.start, end: range.end },
  };
}

function problem(kind: SyntaxProblemKind, message: string, start: number, end: number): SyntaxProblem {
  return { kind, message, range: { start, end } };
}

function errorProblem(error: ParseError, before: Token | undefined, at: Token | undefined): SyntaxProblem {
  const code = printParseErrorCode(error.error);
  const start = error.offset;
  const end = error.offset + Math.max(error.length, 0);
  // A value or a property name was expected where a closing bracket or brace stands, right after a comma.
  if ((code === 'ValueExpected' || code === 'PropertyNameExpected') && before?.kind === COMMA_TOKEN) {
    return problem('trailing-comma', 'Trailing comma: IAM accepts strict JSON only. Remove this comma.', before.offset, before.end);
  }
  // Text glued to the closing quote of a string: a stray quote (`""s3:GetObject"`, `"s3:GetObject"", "Resource"`)
  // or a comma missing between two strings. The range is on the quote where they meet: the glued token's opening
  // quote, or the string's closing quote when bare text follows it. (A colon missing between a key and its string
  // value, `"Effect""Allow"`, keeps the parser's own message.)
  const glued = before?.kind === STRING_LITERAL && before.end === start && before.end - before.offset >= 2 && at !== undefined;
  if (glued && (at.kind === UNKNOWN || (at.kind === STRING_LITERAL && code !== 'ColonExpected'))) {
    const quote = at.kind === STRING_LITERAL ? at.offset : before.end - 1;
    return problem(
      'error',
      'Stray double quote: text follows the closing quote of a string. Remove the stray quote, or add the missing comma.',
      quote,
      quote + 1,
    );
  }
  switch (code) {
    case 'UnexpectedEndOfString':
      return problem('error', 'This string has no closing double quote on its line: add the closing quote, or remove a stray opening one.', start, start + 1);
    case 'PropertyNameExpected':
      return problem('error', 'A property name in double quotes is expected here.', start, end);
    case 'ValueExpected':
      return problem('error', 'A value is expected here.', start, end);
    case 'CommaExpected':
      return problem('error', 'A comma is expected before this.', start, end);
    case 'ColonExpected':
      return problem('error', 'A colon is expected after the property name.', start, end);
    case 'CloseBraceExpected':
      return problem('error', 'A closing brace "}" is expected.', start, end);
    case 'CloseBracketExpected':
      return problem('error', 'A closing bracket "]" is expected.', start, end);
    case 'EndOfFileExpected':
      return problem('error', 'Unexpected text after the end of the JSON document: remove it.', start, end);
    case 'UnexpectedEndOfComment':
      return problem('comment', 'Unterminated comment (and comments are not allowed: IAM accepts strict JSON only). Remove it.', start, end);
    case 'InvalidEscapeCharacter':
      return problem('error', 'Invalid escape sequence in a string.', start, end);
    case 'InvalidUnicode':
      return problem('error', 'Invalid unicode escape sequence.', start, end);
    case 'InvalidCharacter':
      return problem('error', 'Invalid character in a string (control characters must be escaped).', start, end);
    case 'InvalidSymbol':
      return problem('error', 'Invalid symbol: JSON allows only objects, arrays, strings in double quotes, numbers, true, false and null.', start, end);
    case 'InvalidNumberFormat':
      return problem('error', 'Invalid number format.', start, end);
    default:
      return problem('error', `JSON syntax error: ${code}.`, start, end);
  }
}
