/**
 * Terraform's string templates: quoted strings (`"arn:${var.p}:s3:::b"`), heredocs (`<<EOF`, `<<-EOF`) and
 * template files (`.tpl`). In all of them `${expr}` is a Terraform interpolation and `%{...}` a directive:
 * parts Terraform fills in, open values here (a `*` in the value, `exact: false`), as CloudFormation's
 * intrinsic functions are; `$${` is the literal text `${` and `%%{` the literal `%{` (how an IAM policy
 * variable is written). Quoted strings also decode HCL's backslash escapes; heredocs and template files do not.
 * https://developer.hashicorp.com/terraform/language/expressions/strings
 *
 * Every character of a value keeps the offset of its source character, so findings inside a value point into
 * the .tf file. Interpolations and directives are nodes of the parse tree; no structure is read from the text.
 */
import type { Intrinsic } from '../../model/policy';
import { HOLE, TERRAFORM_EXPRESSION } from '../../model/references';
import { childOfType, textOf, type HclNode } from './hclTree';

/** What a template leaves open: an interpolation `${...}` or a directive `%{...}` (a whole if/for with its body). */
export interface Hole {
  readonly start: number;
  readonly end: number;
  readonly kind: 'interpolation' | 'directive';
  /** The interpolation's expression as written (`var.bucket`, `aws_iam_role.r.arn`); '' for a directive. */
  readonly ref: string;
}

/** A template's content range and the holes in it, in order. */
export interface TemplateParts {
  readonly start: number;
  readonly end: number;
  readonly holes: readonly Hole[];
  readonly escapes: 'quoted' | 'heredoc';
}

/** The parts of a `string_lit`, `quoted_template` or `heredoc_template` node; undefined for anything else. */
export function templateParts(node: HclNode, text: string): TemplateParts | undefined {
  let start: number;
  let end: number;
  let escapes: TemplateParts['escapes'];
  if (node.type === 'string_lit' || node.type === 'quoted_template') {
    const open = childOfType(node, 'quoted_template_start');
    const close = childOfType(node, 'quoted_template_end');
    if (!open || !close) return undefined;
    start = open.end;
    end = close.start;
    escapes = 'quoted';
  } else if (node.type === 'heredoc_template') {
    const ids = node.children.filter((c) => c.type === 'heredoc_identifier');
    if (ids.length !== 2) return undefined;
    // The content starts on the line after `<<EOF` and ends before the line of the closing identifier.
    start = lineEnd(text, ids[0].end);
    end = lineStart(text, ids[1].start);
    if (end < start) end = start;
    escapes = 'heredoc';
  } else return undefined;
  const holes: Hole[] = [];
  for (const c of node.children) {
    if (c.type === 'template_interpolation') {
      const expression = childOfType(c, 'expression');
      holes.push({ start: c.start, end: c.end, kind: 'interpolation', ref: expression ? textOf(expression, text).trim() : '' });
    } else if (c.type === 'template_directive') holes.push({ start: c.start, end: c.end, kind: 'directive', ref: '' });
  }
  return { start, end, holes, escapes };
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl + 1;
}

function lineStart(text: string, from: number): number {
  return text.lastIndexOf('\n', from - 1) + 1;
}

/** A template's value as far as Terraform's text fixes it. */
export interface TemplateValue {
  readonly value: string;
  /** Source offset of each character of `value`, plus the end. */
  readonly offsets: readonly number[];
  readonly exact: boolean;
  readonly refs: readonly string[];
}

export interface ValueOptions {
  /** `&{` is the literal `${` too (aws_iam_policy_document's way to write an IAM variable). */
  readonly ampersandVariables?: boolean;
  /** Decode JSON's backslash escapes as well (a JSON string inside a heredoc). */
  readonly jsonEscapes?: boolean;
  /**
   * A template file's variables that `templatefile()` binds to literal text: an interpolation of one of them
   * (`${bucket}`) is that text, its characters all at the interpolation's start; any other stays open.
   */
  readonly variables?: ReadonlyMap<string, string>;
}

/**
 * The value of the part [start, end) of a template: literal characters with their escapes decoded, each hole a
 * `*`. Escapes: `$${` and `%%{` always; HCL's backslash escapes in quoted strings; JSON's when asked.
 */
export function templateValue(parts: TemplateParts, text: string, start: number, end: number, options: ValueOptions = {}): TemplateValue {
  let value = '';
  const offsets: number[] = [];
  const refs: string[] = [];
  let exact = true;
  let p = start;
  let h = 0;
  const push = (s: string, at: number) => {
    value += s;
    for (let i = 0; i < s.length; i++) offsets.push(at);
  };
  while (p < end) {
    while (h < parts.holes.length && parts.holes[h].end <= p) h++;
    const hole = parts.holes[h];
    if (hole && hole.start <= p) {
      const bound = hole.kind === 'interpolation' && hole.start === p ? options.variables?.get(hole.ref) : undefined;
      if (bound !== undefined && hole.end <= end) {
        push(bound, p);
        p = hole.end;
        continue;
      }
      push(HOLE, p);
      exact = false;
      if (hole.ref) refs.push(hole.ref);
      p = Math.min(hole.end, end);
      continue;
    }
    const c = text.charCodeAt(p);
    const next = text.charCodeAt(p + 1);
    if ((c === 36 /* $ */ || c === 37) /* % */ && next === c && text.charCodeAt(p + 2) === 123 /* { */) {
      push(text[p], p); // `$${` is `${`, `%%{` is `%{`
      p += 2;
      continue;
    }
    if (options.ampersandVariables && c === 38 /* & */ && next === 123) {
      push('$', p);
      p += 1;
      continue;
    }
    if (c === 92 /* \ */ && (parts.escapes === 'quoted' || options.jsonEscapes) && p + 1 < end) {
      const decoded = decodeEscape(text, p, parts.escapes === 'quoted');
      if (decoded) {
        push(decoded.value, p);
        p += decoded.length;
        continue;
      }
    }
    push(text[p], p);
    p += 1;
  }
  offsets.push(end);
  return { value, offsets, exact, refs };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f' };

/** A backslash escape at `p`: HCL's (`\n \r \t \" \\ \uNNNN \UNNNNNNNN`) or JSON's (also `\/ \b \f`). */
function decodeEscape(text: string, p: number, hcl: boolean): { value: string; length: number } | undefined {
  const e = text[p + 1];
  if (e === 'u' || (hcl && e === 'U')) {
    const digits = e === 'u' ? 4 : 8;
    const hex = text.slice(p + 2, p + 2 + digits);
    if (hex.length !== digits || ![...hex].every((ch) => '0123456789abcdefABCDEF'.includes(ch))) return undefined;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) return undefined;
    return { value: String.fromCodePoint(code), length: 2 + digits };
  }
  const simple = SIMPLE_ESCAPES[e];
  if (simple === undefined || (hcl && (e === '/' || e === 'b' || e === 'f'))) return undefined;
  return { value: simple, length: 2 };
}

/** The model's word for a value with open parts; undefined for an exact one. */
export function intrinsicOfValue(v: TemplateValue): Intrinsic | undefined {
  return v.exact ? undefined : { fn: TERRAFORM_EXPRESSION, exact: false, refs: v.refs };
}
