/**
 * The typed policy model. Every value keeps the source range of the token it came from, so every
 * finding can point at the exact offending token. Ranges are character offsets into the text
 * (`end` exclusive); hosts convert them to line/character.
 */
import type { Node as JsonNode, NodeType } from 'jsonc-parser';
import type { StringNotation, VariableNotation } from './variableNotation';

export interface Range {
  readonly start: number;
  readonly end: number;
}

/**
 * The syntaxes of the documents policies come from: JSON, YAML, HCL (Terraform `.tf`) and Terraform's template
 * files (`.tpl`). The sources read them; the editing features write text in them.
 */
export type Syntax = 'json' | 'yaml' | 'hcl' | 'hcl-template';

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

/**
 * Where the characters of a string's value are in the text, when that is not JSON's "content right after the
 * opening quote": a number is the offset of the first character when the value is the source text as is (a
 * YAML plain or quoted scalar without escapes); an array holds the offset of each character plus one entry for
 * the end (escapes, `''` in YAML, intrinsic functions put together from several strings); `false` when they
 * cannot be mapped (folded YAML lines): ranges inside the value then fall back to the whole string.
 */
export type CharOffsets = number | readonly number[] | false;

/**
 * A CloudFormation intrinsic function (`Ref`, `Fn::Sub`, `Fn::GetAtt`, `!Join` ...) where the policy expects
 * a string. The model keeps it as a string whose value is the text IAM will see with every part the template
 * does not fix (a parameter, an attribute, a pseudo parameter such as `AWS::Region`) replaced by `*`.
 */
export interface Intrinsic {
  /** The function as CloudFormation names it: `Ref`, `Fn::Sub`, `Fn::GetAtt`, `Fn::If`, ... */
  readonly fn: string;
  /**
   * True when the value is exactly the text IAM sees (a `Fn::Sub` or `Fn::Join` of literal text only). When
   * false, checks that judge a value as written stay silent: any part may be anything.
   */
  readonly exact: boolean;
  /**
   * The template names it refers to, as written: `IdentityPool` (Ref), `AuthRole.Arn` (GetAtt), `AWS::Region`
   * (a pseudo parameter), for resolving `aud` to the identity pool of the template and roles to their ARNs.
   */
  readonly refs: readonly string[];
  /**
   * `Fn::If`: its two values where they are strings (a branch that is an object, an array or missing is left
   * out), each with the text it produces and where it is, so a check can judge each branch.
   */
  readonly branches?: readonly IntrinsicBranch[];
}

/** One value of an `Fn::If`: the text it produces (`*` for open parts), where it is, and whether it is exact. */
export interface IntrinsicBranch {
  readonly value: string;
  readonly range: Range;
  readonly exact: boolean;
}

/** A string as it appears in the document, with its range (including the quotes). */
export interface StringValue {
  readonly value: string;
  readonly range: Range;
  /** Set when the characters are not where a JSON string puts them (templates). */
  readonly offsets?: CharOffsets;
  /** Set when the string is a CloudFormation intrinsic function (templates). */
  readonly intrinsic?: Intrinsic;
}

/** Whether a value is exactly what IAM sees: not an intrinsic function with parts the template leaves open. */
export function isExact(value: { readonly intrinsic?: Intrinsic }): boolean {
  return value.intrinsic === undefined || value.intrinsic.exact;
}

/**
 * A parse-tree node: jsonc-parser's `Node`, which template sources (YAML, intrinsic functions) extend with
 * where a string's characters are and which intrinsic function it stands for.
 */
export interface SourceNode extends JsonNode {
  readonly offsets?: CharOffsets;
  readonly intrinsic?: Intrinsic;
}

/** The intrinsic function a node stands for (templates), if any. */
export function intrinsicOf(node: SourceNode | undefined): Intrinsic | undefined {
  return node?.intrinsic;
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
  readonly offsets?: CharOffsets;
  readonly intrinsic?: Intrinsic;
}

/** A string condition value as a StringValue (for the checks of strings with policy variables). */
export function conditionString(v: ConditionValue): StringValue {
  return { value: v.text, range: v.range, offsets: v.offsets, intrinsic: v.intrinsic };
}

export interface ConditionBlock {
  /** The operator as written, e.g. `ForAnyValue:StringLike`. */
  readonly operator: StringValue;
  readonly element: Element;
  readonly entries: readonly ConditionEntry[];
}

/** One principal type of a Principal or NotPrincipal object: `"Federated": "cognito-identity.amazonaws.com"`. */
export interface PrincipalEntry {
  /** The type as written: `AWS`, `Service`, `Federated`, `CanonicalUser`, ... */
  readonly type: string;
  readonly typeRange: Range;
  readonly element: Element;
  /** The string values (one string or an array); non-string members are left out (wellFormed says so). */
  readonly values: readonly StringValue[];
}

/**
 * A statement's Principal or NotPrincipal as written: the string form (`"Principal": "*"`, the only string IAM
 * accepts) or an object of principal types. What it means (who it takes in) is iam/principals.ts' business.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export interface StatementPrincipal {
  readonly kind: 'Principal' | 'NotPrincipal';
  readonly element: Element;
  /** The string form's value (`"*"`); undefined for the object form. */
  readonly stringForm?: StringValue;
  /** The object form's principal types in source order (duplicates included); empty for the string form. */
  readonly entries: readonly PrincipalEntry[];
  /** False when the value is neither a string nor an object of strings and string arrays (IAM rejects it). */
  readonly wellFormed: boolean;
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
  /** The Principal element, or NotPrincipal when there is no Principal (both: structure's conflicting-elements). */
  readonly principal?: StatementPrincipal;
  readonly actions?: readonly StringValue[];
  readonly notActions?: readonly StringValue[];
  readonly resources?: readonly StringValue[];
  readonly notResources?: readonly StringValue[];
  readonly conditions?: readonly ConditionBlock[];
}

/**
 * What a JSON syntax problem is, for hosts whose editor reports some of them itself (AnalyzeOptions.syntaxReportedByEditor):
 * a comment, a trailing comma, or any other error.
 */
export type SyntaxProblemKind = 'comment' | 'trailing-comma' | 'error';

export interface SyntaxProblem {
  readonly message: string;
  readonly range: Range;
  /** JSON problems only (parse/syntaxProblems.ts); YAML problems have none. */
  readonly kind?: SyntaxProblemKind;
}

/** The ONE key under which a `json-syntax` finding's data says its problem's kind (read by the runner, analyze/runSource.ts). */
export const SYNTAX_KIND_DATA_KEY = 'syntax';

/** The data of a syntax problem's finding: its kind, when it has one. */
export function syntaxProblemData(p: SyntaxProblem): { readonly data: Readonly<Record<string, string>> } | undefined {
  return p.kind ? { data: { [SYNTAX_KIND_DATA_KEY]: p.kind } } : undefined;
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
  /**
   * How the document writes a policy variable, set by the source that read it (Terraform: `$${` in heredocs,
   * `jsonencode` and `.tpl` files, `&{` in `aws_iam_policy_document`); undefined: IAM's own `${`. Messages
   * render variables with `writeVariable`/`inNotation` (model/variableNotation.ts).
   */
  readonly variableNotation?: VariableNotation;
  /** How the document writes a string token (model/variableNotation.ts); undefined: `json`. */
  readonly stringNotation?: StringNotation;
  /**
   * The document is one bare statement (`{"Effect", "Action", ...}` with no `Version`/`Statement`, as tutorials
   * print them): `statements` holds the root as that statement, and the checks judge it as if the policy around it
   * (`{"Version": "2012-10-17", "Statement": [...]}`) were written; `statement-not-policy` says it is not.
   */
  readonly bareStatement?: boolean;
  /**
   * Statements the source leaves open: a template's intrinsic function where a statement, the Statement list or
   * the whole document is (`!If [Cond, {...}, !Ref Param]`, `!Ref PolicyParam`). They may allow anything, so a
   * reading of the whole policy (what it allows, whom a trust policy admits) cannot be sure.
   */
  readonly openStatements?: readonly OpenPart[];
  /**
   * An `aws_iam_policy_document`'s blocks, where HCL names are written (Terraform's source sets it): completion
   * offers the block's attribute and block names there, as it offers element names in a JSON policy.
   */
  readonly hclBlocks?: readonly HclBlockOutline[];
}

/** The blocks of an `aws_iam_policy_document`: the data block itself, `statement`, and a statement's inner blocks. */
export type HclBlockKind = 'policy-document' | 'statement' | 'principals' | 'not_principals' | 'condition';

/** One block of a policy document as written: where its names go and which are there. */
export interface HclBlockOutline {
  readonly kind: HclBlockKind;
  /** Between its braces (to the end of what was read when its `}` is not there yet). */
  readonly body: Range;
  /** The attribute and block names written in it. */
  readonly names: readonly string[];
  /** The attributes and blocks written in it: no name is completed inside one. */
  readonly items: readonly Range[];
  /** Names standing alone, being typed (the parser could not read the block). */
  readonly typing: readonly Range[];
}

/** A part of a policy a template leaves open: where it is and the function that sets it. */
export interface OpenPart {
  readonly range: Range;
  readonly fn: string;
}

/**
 * One reading of a policy a template writes with `Fn::If` around whole parts (the document, the Statement list,
 * a statement, a Condition block, a list): the policy when `condition` is `value`, each `Fn::If` on that
 * condition replaced by its branch (with the branch's own ranges; `AWS::NoValue` removes the item), the others
 * left open. `document` is undefined when that branch is no policy the template fixes (`AWS::NoValue`, a `Ref`).
 * `chosen` are the ranges of the branches this reading takes: a finding inside one belongs to the reading.
 */
export interface PolicyVariant {
  readonly condition: string;
  readonly value: boolean;
  readonly document: PolicyDocument | undefined;
  readonly chosen: readonly Range[];
}

export function rangeOf(node: JsonNode): Range {
  return { start: node.offset, end: node.offset + node.length };
}

/** The mutable view of a parse-tree node (jsonc-parser's readonly Node) while a parser builds it. */
export interface MutableNode {
  type: NodeType;
  value?: unknown;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: MutableNode;
  children?: MutableNode[];
  offsets?: CharOffsets;
  intrinsic?: Intrinsic;
}
