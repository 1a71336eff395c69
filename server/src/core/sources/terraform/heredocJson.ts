/**
 * A policy written as JSON text inside a Terraform template (a heredoc, a `.tpl` file): the JSON is parsed with
 * the house's JSON parser over a copy of the text in which each interpolation or directive is masked (the same
 * length, so every offset is the document's), then each string that holds a hole or a `$${` escape gets its
 * value as Terraform renders it (templates.ts): open parts `*`, `exact: false`. An interpolation in the place of
 * a whole JSON value (`"Resource": ${jsonencode(var.arns)}`) becomes such an open string.
 *
 * A directive (`%{ if }`, `%{ for }`) outside a JSON string shapes the JSON itself: such a text is not read as a
 * policy (its structure is Terraform's to decide), rather than reported with syntax errors it does not have.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { MutableNode, SyntaxProblem } from '../../model/policy';
import { parseJsonTree } from '../../parse/parsePolicy';
import { intrinsicOfValue, templateValue, type Hole, type TemplateParts } from './templates';

export interface TemplateJson {
  readonly root: JsonNode | undefined;
  readonly syntaxProblems: readonly SyntaxProblem[];
}

/** The JSON tree of a template's content, offsets into `text`; undefined when a directive shapes the JSON. */
export function parseTemplateJson(parts: TemplateParts, text: string, variables?: ReadonlyMap<string, string>): TemplateJson | undefined {
  const masked = maskHoles(parts, text);
  if (!masked) return undefined;
  const { root, syntaxProblems } = parseJsonTree(masked.text);
  if (!root) return { root, syntaxProblems: shiftProblems(syntaxProblems, masked.shift) };
  const tree = rebase(root, masked.shift, undefined, parts, text, variables);
  return { root: tree, syntaxProblems: shiftProblems(syntaxProblems, masked.shift) };
}

/**
 * The template's content with each hole replaced by characters of the same length: inside a JSON string by
 * `*`s (the string's value is computed again from the source), elsewhere by a JSON string `"**"` standing for
 * the value. Undefined when a directive stands outside a string.
 */
function maskHoles(parts: TemplateParts, text: string): { text: string; shift: number } | undefined {
  if (parts.holes.length === 0) return { text: text.slice(parts.start, parts.end), shift: parts.start };
  let out = '';
  let inString = false;
  /** A JSON escape's backslash ended the literal: the character it escapes is the hole's first (`"\${x}"`). */
  let escapeOpen = false;
  let p = parts.start;
  for (const hole of [...parts.holes, undefined]) {
    const literalEnd = hole ? hole.start : parts.end;
    // The literal text is copied as it is; it is read only for where JSON strings open and close.
    const from = p;
    for (; p < literalEnd; p++) {
      const c = text.charCodeAt(p);
      if (inString && c === 92 /* \ */) {
        if (p + 1 >= literalEnd) escapeOpen = true;
        else p++;
      } else if (c === 34 /* " */) inString = !inString;
    }
    out += text.slice(from, literalEnd);
    if (!hole) break;
    const length = hole.end - hole.start;
    // The mask keeps the hole's length; after an open escape its first character is one JSON can escape (`\"`),
    // so the string stays well-formed and every offset after it stays the document's.
    if (inString) out += escapeOpen ? `"${'*'.repeat(length - 1)}` : '*'.repeat(length);
    else if (hole.kind === 'directive') return undefined;
    else out += `"${'*'.repeat(Math.max(0, length - 2))}"`;
    escapeOpen = false;
    p = hole.end;
  }
  return { text: out, shift: parts.start };
}

function shiftProblems(problems: readonly SyntaxProblem[], shift: number): SyntaxProblem[] {
  return problems.map((p) => ({ ...p, range: { start: p.range.start + shift, end: p.range.end + shift } }));
}

/**
 * The tree with offsets into the document, and the values of strings that Terraform renders: the JSON parser's
 * tree, fresh from this parse, moved in place.
 */
function rebase(
  node: JsonNode,
  shift: number,
  parent: MutableNode | undefined,
  parts: TemplateParts,
  text: string,
  variables: ReadonlyMap<string, string> | undefined,
): MutableNode {
  const out = node as MutableNode;
  out.parent = parent;
  out.offset = node.offset + shift;
  const offset = out.offset;
  if (node.colonOffset !== undefined) out.colonOffset = node.colonOffset + shift;
  if (node.type === 'string' && needsRendering(parts, text, offset, offset + node.length)) {
    const whole = parts.holes.find((h) => h.start === offset && h.end === offset + node.length);
    // A hole standing for the whole value (it was masked as a string), or a string with holes or escapes in it.
    // A template file's variable bound to text is that text inside a string (a whole value would be raw JSON).
    const v = whole
      ? templateValue(parts, text, offset, offset + node.length, { jsonEscapes: true })
      : templateValue(parts, text, offset + 1, offset + node.length - 1, { jsonEscapes: true, variables });
    out.value = v.value;
    out.offsets = v.offsets;
    const intrinsic = intrinsicOfValue(v);
    if (intrinsic) out.intrinsic = intrinsic;
  }
  if (node.children) for (const c of node.children) rebase(c, shift, out, parts, text, variables);
  return out;
}

/** Whether the string at [start, end) holds a hole or a `$${` / `%%{` escape. */
function needsRendering(parts: TemplateParts, text: string, start: number, end: number): boolean {
  if (parts.holes.some((h: Hole) => h.start < end && h.end > start)) return true;
  for (let p = start + 2; p < end; p++) {
    if (text.charCodeAt(p) !== 123 /* { */) continue;
    const a = text.charCodeAt(p - 1);
    if ((a === 36 || a === 37) && text.charCodeAt(p - 2) === a) return true;
  }
  return false;
}
