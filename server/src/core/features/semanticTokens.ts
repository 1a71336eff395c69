/**
 * Semantic tokens where the TextMate grammar cannot tell what a `${...}` is. The grammar
 * (syntaxes/policy-variables.injection.tmLanguage.json) highlights every `${...}` in a string; the model knows:
 *
 * - `policyVariable`: the name of a policy variable where IAM substitutes it (Resource, NotResource and
 *   Condition values of a policy: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html),
 *   `${!name}` of a template's `Fn::Sub` included (CloudFormation writes `${name}` for it).
 * - `notPolicyVariable`: a `Fn::Sub` reference of a template (`${PhotosBucket}`, `${AWS::Region}`, `${env}`),
 *   which CloudFormation replaces before IAM sees the text, and a `${!literal}` outside any policy. The host
 *   gives it the look of the string around it, undoing the grammar's variable colouring.
 *
 * Pure: offsets into the document's text, single-line tokens only (an editor's semantic token is one line).
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { PolicyDocument, Range, StringValue } from '../model/policy';
import { conditionString } from '../model/policy';
import { rangeInString } from '../model/spans';
import { scanVariables } from '../text/variables';
import { pushAll } from '../text/lists';

export type SemanticTokenType = 'policyVariable' | 'notPolicyVariable';

export interface SemanticToken {
  readonly start: number;
  readonly end: number;
  readonly type: SemanticTokenType;
}

export interface SemanticTokensInput {
  /** The document's text. */
  readonly text: string;
  /** The document's policies (a policy file: one over the whole text; a template: its embedded ones). */
  readonly policies: readonly { readonly range: Range; readonly document: PolicyDocument }[];
  /** A template's parse tree (intrinsic functions as `{"Fn::Sub": ...}` objects); undefined for a policy file. */
  readonly templateRoot?: JsonNode;
}

export function semanticTokens(input: SemanticTokensInput): SemanticToken[] {
  const { text } = input;
  const out: SemanticToken[] = [];
  const push = (start: number, end: number, type: SemanticTokenType) => {
    if (end > start && !text.slice(start, end).includes('\n')) out.push({ start, end, type });
  };

  for (const { document, range: within } of input.policies) {
    if (document.kind === 'not-a-policy') continue;
    for (const s of substitutedStrings(document)) {
      // A string outside the policy is another's (a Terraform policy document merges another's statements).
      if (s.range.start < within.start || s.range.end > within.end) continue;
      for (const token of scanVariables(s.value)) {
        if (token.kind !== 'variable') continue;
        const range = rangeInString(text, s, token.nameStart, token.nameStart + token.name.length);
        // The whole string back means its characters cannot be placed; a gap means the name is not written as is.
        if (range === s.range || range.end - range.start !== token.name.length) continue;
        push(range.start, range.end, 'policyVariable');
      }
    }
  }

  if (input.templateRoot) {
    const inPolicy = (offset: number) => input.policies.some((p) => p.document.kind !== 'not-a-policy' && p.range.start <= offset && offset < p.range.end);
    for (const template of subTemplates(input.templateRoot)) {
      // The raw text of the template string as written: what the grammar colours.
      const from = template.offset;
      const to = template.offset + template.length;
      let open = text.indexOf('${', from);
      while (open >= 0 && open < to) {
        const close = text.indexOf('}', open + 2);
        if (close < 0 || close >= to) break;
        const literal = text[open + 2] === '!';
        // `${!name}` in a policy is a policy variable (marked above where IAM substitutes it); elsewhere text.
        if (!literal || !inPolicy(open)) push(open, close + 1, 'notPolicyVariable');
        open = text.indexOf('${', close + 1);
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The strings of a policy in which IAM substitutes policy variables. */
function substitutedStrings(document: PolicyDocument): StringValue[] {
  const out: StringValue[] = [];
  for (const s of document.statements) {
    pushAll(pushAll(out, s.resources ?? []), s.notResources ?? []);
    for (const block of s.conditions ?? [])
      for (const entry of block.entries) for (const v of entry.values) if (v.kind === 'string') out.push(conditionString(v));
  }
  return out;
}

/** The template strings of every `Fn::Sub` (`{"Fn::Sub": "..."}` or `{"Fn::Sub": ["...", {...}]}`), in document order. */
function subTemplates(root: JsonNode): JsonNode[] {
  const out: JsonNode[] = [];
  const walk = (node: JsonNode | undefined) => {
    if (!node) return;
    if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key?.value === 'Fn::Sub' && node.children?.length === 1) {
          const template = value?.type === 'array' ? value.children?.[0] : value;
          if (template?.type === 'string') out.push(template);
        }
        walk(value);
      }
    } else if (node.type === 'array') for (const child of node.children ?? []) walk(child);
  };
  walk(root);
  return out;
}
