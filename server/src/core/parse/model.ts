/**
 * The typed policy model. Every value keeps the source range of the token it came from, so every
 * finding can point at the exact offending token. Ranges are character offsets into the text
 * (`end` exclusive); hosts convert them to line/character.
 */
import type { Node as JsonNode } from 'jsonc-parser';

export interface Range {
  readonly start: number;
  readonly end: number;
}

export type PolicyKind = 'identity' | 'trust' | 'resource' | 'not-a-policy';

/** A key/value pair of a JSON object, as written. */
export interface Element {
  readonly key: string;
  readonly keyRange: Range;
  /** The value node; undefined when the text is cut off after the colon. */
  readonly value: JsonNode | undefined;
  /** Key and value together. */
  readonly range: Range;
}

/** A string as it appears in the document, with its range (including the quotes). */
export interface StringValue {
  readonly value: string;
  readonly range: Range;
}

export interface ConditionEntry {
  /** The condition key as written, e.g. `cognito-identity.amazonaws.com:aud`. */
  readonly key: StringValue;
  readonly element: Element;
  /** The string (or number/boolean, stringified) values; the node for others. */
  readonly values: readonly ConditionValue[];
}

export interface ConditionValue {
  readonly text: string;
  readonly kind: 'string' | 'number' | 'boolean' | 'other';
  readonly range: Range;
}

export interface ConditionBlock {
  /** The operator as written, e.g. `ForAnyValue:StringLike`. */
  readonly operator: StringValue;
  readonly element: Element;
  readonly entries: readonly ConditionEntry[];
}

export interface Statement {
  readonly index: number;
  readonly node: JsonNode;
  readonly range: Range;
  /** All elements as written (including unknown and duplicated ones), in order. */
  readonly elements: readonly Element[];
  /** First occurrence of each element name, exact case. */
  readonly byName: ReadonlyMap<string, Element>;
  readonly sid?: StringValue;
  readonly effect?: StringValue;
  readonly actions?: readonly StringValue[];
  readonly notActions?: readonly StringValue[];
  readonly resources?: readonly StringValue[];
  readonly notResources?: readonly StringValue[];
  readonly conditions?: readonly ConditionBlock[];
}

export interface SyntaxProblem {
  readonly message: string;
  readonly range: Range;
}

export interface PolicyDocument {
  readonly text: string;
  readonly root: JsonNode | undefined;
  readonly kind: PolicyKind;
  readonly syntaxProblems: readonly SyntaxProblem[];
  /** Top-level elements as written. */
  readonly elements: readonly Element[];
  readonly version?: StringValue;
  /** The Statement element (object or array). */
  readonly statementElement?: Element;
  readonly statements: readonly Statement[];
}

export function rangeOf(node: JsonNode): Range {
  return { start: node.offset, end: node.offset + node.length };
}
