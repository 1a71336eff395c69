/**
 * Policy variables at evaluation time: `${key}` takes the request's value, `${key, 'default'}` the default
 * when the request has none, `${*}`, `${?}` and `${$}` stand for the literal characters. A variable with no
 * value makes the string match nothing ("the resource that includes a policy variable with no value will
 * not match any resource"; in conditions `StringEquals`/`StringLike` do not match and the negated operators
 * do). Multi-valued keys cannot be policy variables. Without a Version that substitutes them (iam/versions.ts) the text is literal.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 *
 * The result keeps wildcards apart from literal text: a `*` that came from `${*}` or from a substituted value
 * matches only a `*`. Matching goes through the one linear matcher, `wildcardMatch`; no RegExp is built.
 */
import { scanVariables } from '../text/variables';
import { wildcardMatch } from '../text/wildcard';
import type { RequestContext } from './context';
import { formatCount } from '../text/numbers';

export type PatternPart = { readonly literal: string } | { readonly wildcard: '*' | '?' };

export type Resolution =
  | {
      readonly ok: true;
      readonly parts: readonly PatternPart[];
      /** The resolved string as a user reads it (wildcards and literal characters alike). */
      readonly text: string;
      /** Whether a variable was substituted, i.e. whether `text` differs from the policy's spelling. */
      readonly substituted: boolean;
      /** Malformed variables read as literal text, to report. */
      readonly problems: readonly string[];
    }
  | {
      readonly ok: false;
      /** Why the string matches nothing, e.g. `the request has no aws:PrincipalTag/team`. */
      readonly why: string;
    };

export interface ResolveOptions {
  /** Substitute variables: the policy's Version substitutes them (iam/versions.ts) and IAM does in this place. */
  readonly variables: boolean;
  /** `*` and `?` written in the policy are wildcards (Resource, StringLike, ArnLike). */
  readonly wildcards: boolean;
}

/** Malformed variables named one by one per value; the rest are counted in one more problem. */
const MAX_PROBLEMS_PER_VALUE = 5;

export function resolvePolicyString(value: string, ctx: RequestContext, options: ResolveOptions): Resolution {
  const parts: PatternPart[] = [];
  const problems: string[] = [];
  let unlisted = 0;
  let substituted = false;
  const pushWritten = (text: string) => {
    if (!options.wildcards) return pushLiteral(parts, text);
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '*' || ch === '?') {
        pushLiteral(parts, text.slice(start, i));
        parts.push({ wildcard: ch });
        start = i + 1;
      }
    }
    pushLiteral(parts, text.slice(start));
  };
  const tokens = options.variables && value.includes('${') ? scanVariables(value) : [];
  let pos = 0;
  for (const token of tokens) {
    pushWritten(value.slice(pos, token.start));
    pos = token.end;
    const written = value.slice(token.start, token.end);
    if (token.kind === 'escape') {
      pushLiteral(parts, token.char);
      substituted = true;
    } else if (token.kind === 'error') {
      if (problems.length < MAX_PROBLEMS_PER_VALUE)
        problems.push(`the policy variable "${written}" ${token.problem} (IAM rejects the policy); read here as literal text`);
      else unlisted++;
      pushWritten(written);
    } else {
      const entry = ctx.get(token.name);
      let text: string | undefined;
      let why = '';
      if (!entry) why = ctx.isEmptySet(token.name) ? `the request's ${token.name} is empty` : `the request has no ${token.name}`;
      else if (entry.multiValued) why = `${token.name} is multi-valued and cannot be a policy variable`;
      else text = entry.values[0];
      if (text === undefined && token.defaultValue !== undefined) text = token.defaultValue;
      if (text === undefined) return { ok: false, why: `${written} has no value (${why})` };
      pushLiteral(parts, text);
      substituted = true;
    }
  }
  pushWritten(value.slice(pos));
  if (unlisted > 0)
    problems.push(`${formatCount(unlisted)} more policy variables of this value are malformed (IAM rejects the policy); read here as literal text`);
  const text = parts.map((p) => ('literal' in p ? p.literal : p.wildcard)).join('');
  return { ok: true, parts, text, substituted, problems };
}

function pushLiteral(parts: PatternPart[], text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && 'literal' in last) parts[parts.length - 1] = { literal: last.literal + text };
  else parts.push({ literal: text });
}

/** The resolved string without wildcards (for the Equals operators, where `*` is an ordinary character). */
export function literalText(parts: readonly PatternPart[]): string {
  return parts.map((p) => ('literal' in p ? p.literal : p.wildcard)).join('');
}

/**
 * Whether `text` matches the resolved pattern. Literal `*` and `?` (from `${*}`, `${?}` or a substituted
 * value) must match only themselves: both strings spell them with two code points that neither holds, so
 * `wildcardMatch` stays the one matcher.
 */
export function matchesPattern(parts: readonly PatternPart[], text: string, ignoreCase = false): boolean {
  const literalWildcards = parts.some((p) => 'literal' in p && (p.literal.includes('*') || p.literal.includes('?')));
  if (!literalWildcards) return wildcardMatch(literalText(parts), text, ignoreCase);
  const markers = unusedMarkers(parts, text);
  if (!markers) return false;
  const [star, question] = markers;
  const encode = (s: string) => s.replaceAll('*', star).replaceAll('?', question);
  const pattern = parts.map((p) => ('literal' in p ? encode(p.literal) : p.wildcard)).join('');
  return wildcardMatch(pattern, encode(text), ignoreCase);
}

/** Two Unicode noncharacters (U+FDD0..U+FDEF, never case-mapped) that occur in neither string. */
function unusedMarkers(parts: readonly PatternPart[], text: string): [string, string] | undefined {
  const found: string[] = [];
  for (let code = 0xfdd0; code <= 0xfdef && found.length < 2; code++) {
    const ch = String.fromCharCode(code);
    if (!text.includes(ch) && !parts.some((p) => 'literal' in p && p.literal.includes(ch))) found.push(ch);
  }
  return found.length === 2 ? [found[0], found[1]] : undefined;
}
