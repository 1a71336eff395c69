/**
 * What permission and trust evaluation share about one statement: its name in reasons, its Effect as IAM
 * reads it, whether its Action/NotAction covers an action, and the reference to it that results carry.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
import type { PolicyDocument, Range, Statement } from '../model/policy';
import { actionPatternCovers } from '../text/wildcard';

/** A policy document with the label reasons use for it (a file name, a template's logical ID, ...). */
export interface NamedPolicy {
  readonly name: string;
  readonly document: PolicyDocument;
}

/** A statement that decided (or, for trust, let the identity in), with its source range in the document. */
export interface StatementRef {
  /** The NamedPolicy's name. */
  readonly file: string;
  readonly sid?: string;
  /** Position of the statement in the document's Statement list, from 0. */
  readonly index: number;
  /** Character offsets of the statement object in the document text. */
  readonly range: Range;
}

export function statementRef(policy: NamedPolicy, s: Statement): StatementRef {
  return { file: policy.name, sid: s.sid?.value || undefined, index: s.index, range: s.range };
}

/** `Statement "ReadOwn" in s3.json`, or `Statement 2 in s3.json` without a Sid. */
export function describeStatement(policy: NamedPolicy, s: Statement): string {
  return `Statement ${s.sid?.value ? JSON.stringify(s.sid.value) : String(s.index + 1)} in ${policy.name}`;
}

export type Effect = 'Allow' | 'Deny';

/**
 * The statement's Effect, or why IAM would not accept it. Effect values are case-sensitive: "allow" makes IAM
 * reject the policy, so the statement grants and denies nothing here.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html
 */
export function effectOf(s: Statement): Effect | { readonly problem: string } {
  const effect = s.effect?.value;
  if (effect === 'Allow' || effect === 'Deny') return effect;
  if (effect === undefined) return { problem: s.byName.has('Effect') ? 'its Effect is not a string' : 'it has no Effect' };
  return { problem: `its Effect ${JSON.stringify(effect)} is neither "Allow" nor "Deny" (case matters)` };
}

/**
 * Whether Action (any value covers the action) or NotAction (no value covers it) lets the statement apply to
 * the action; actions compare case-insensitively with `*` and `?` wildcards. A problem when IAM would reject
 * the statement (both or neither element).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
 */
export function coversAction(s: Statement, action: string): boolean | { readonly problem: string } {
  const hasAction = s.byName.has('Action');
  const hasNotAction = s.byName.has('NotAction');
  if (hasAction && hasNotAction) return { problem: 'it has both Action and NotAction' };
  if (hasAction) return (s.actions ?? []).some((a) => actionPatternCovers(a.value, action));
  if (hasNotAction) return !(s.notActions ?? []).some((a) => actionPatternCovers(a.value, action));
  return { problem: 'it has neither Action nor NotAction' };
}

/** Items already formatted for a reason, as `a`, `a or b`, `a, b or c` (`nothing` for none). */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? 'nothing';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
