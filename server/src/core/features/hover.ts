/**
 * Hover: what the token under the cursor means. Element names, operators, condition keys, actions
 * (and what a wildcard matches), ARNs and policy variables, from the parse tree and the catalog.
 */
import { findNodeAtOffset, type Node as JsonNode } from 'jsonc-parser';
import type { Catalog } from '../catalog/types';
import { AMR_AUTHENTICATED, AMR_UNAUTHENTICATED, isCognitoPrincipal } from '../cognito/knowledge';
import { intrinsicOf, type PolicyDocument, type Range, type SourceNode } from '../model/policy';
import { TERRAFORM_EXPRESSION } from '../model/references';
import { rangeInString } from '../model/spans';
import { inNotation, type VariableNotation } from '../model/variableNotation';
import { scanVariables } from '../text/variables';
import { hasWildcard } from '../text/wildcard';
import { EFFECT_VALUES, VERSION_VALUES, elementDoc, operatorDoc } from './docs';
import { pathTo } from './locate';
import { actionDoc, arnDoc, conditionKeyDoc, escapeDoc, variableDoc, wildcardDoc } from './reference';
import { formatCount } from '../text/numbers';

export interface HoverResult {
  /** Markdown. */
  readonly contents: string;
  readonly range: Range;
}

/** The longest hover text (issue 15: a hover on a 990 KB string returned all of it); longer ones are cut, saying so. */
export const MAX_HOVER_CHARS = 4_000;

export function hover(doc: PolicyDocument, offset: number, catalog: Catalog): HoverResult | undefined {
  const result = hoverOf(doc, offset, catalog);
  if (!result || result.contents.length <= MAX_HOVER_CHARS) return result;
  return { ...result, contents: `${result.contents.slice(0, MAX_HOVER_CHARS)}…\n\n(cut at ${formatCount(MAX_HOVER_CHARS)} characters)` };
}

function hoverOf(doc: PolicyDocument, offset: number, catalog: Catalog): HoverResult | undefined {
  const root = doc.root;
  if (!root || root.type !== 'object') return undefined;
  const node = findNodeAtOffset(root, offset, false);
  if (!node || node.type !== 'string' || typeof node.value !== 'string') return undefined;
  const range = { start: node.offset, end: node.offset + node.length };
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[0] === node) {
    const contents = parent.parent ? keyHover(pathTo(parent.parent, root), node.value, catalog, doc.variableNotation) : undefined;
    return contents ? { contents, range } : undefined;
  }
  const property = parent?.type === 'property' ? parent : parent?.type === 'array' && parent.parent?.type === 'property' ? parent.parent : undefined;
  if (!property) return undefined;
  // A template's intrinsic function with open parts: its `*` placeholders are not IAM wildcards.
  const intrinsic = intrinsicOf(node);
  if (intrinsic && !intrinsic.exact) {
    const refs = intrinsic.refs.length ? ` (${intrinsic.refs.map((r) => `\`${r}\``).join(', ')})` : '';
    const fills =
      intrinsic.fn === TERRAFORM_EXPRESSION
        ? 'Terraform fills this value in when it applies the plan'
        : 'CloudFormation fills this value in when the stack is deployed';
    return { contents: `**${intrinsic.fn}**: ${fills}${refs}. Its open parts are not judged here.`, range };
  }
  const variable = variableHover(doc, node, offset, catalog);
  if (variable) return variable;
  const contents = valueHover(pathTo(property, root), node.value, catalog);
  return contents ? { contents, range } : undefined;
}

/** `notation`: how the document writes a policy variable, for the examples in the element docs. */
function keyHover(path: readonly string[], key: string, catalog: Catalog, notation: VariableNotation | undefined): string | undefined {
  const element = (where: 'policy' | 'statement' | 'principal') => {
    const e = elementDoc(key, where);
    return e ? `**${e.name}**: ${inNotation(e.doc, notation)}\n\n[IAM reference](${e.url})` : undefined;
  };
  if (path.length === 0) return element('policy');
  if (path[0] !== 'Statement') return undefined;
  if (path.length === 1) return element('statement');
  if (path.length === 2 && path[1] === 'Principal') return element('principal');
  if (path.length === 2 && path[1] === 'Condition') return operatorDoc(key);
  if (path.length === 3 && path[1] === 'Condition') {
    const k = catalog.conditionKey(key);
    return k ? conditionKeyDoc(k, notation) : undefined;
  }
  return undefined;
}

function valueHover(path: readonly string[], value: string, catalog: Catalog): string | undefined {
  const [first, second, third] = path;
  if (path.length === 1 && first === 'Version') return VERSION_VALUES.find((v) => v.value === value)?.doc;
  if (first !== 'Statement') return undefined;
  if (path.length === 2 && second === 'Effect') return EFFECT_VALUES.find((v) => v.value === value)?.doc;
  if (path.length === 2 && (second === 'Action' || second === 'NotAction')) return actionHover(value, catalog);
  if (path.length === 2 && (second === 'Resource' || second === 'NotResource')) {
    return value === '*' ? '`*`: every resource. Required for actions that support no resource types.' : arnDoc(catalog, value);
  }
  if (path.length === 3 && second === 'Principal' && third === 'Federated' && isCognitoPrincipal(value)) {
    return `**${value}**: Amazon Cognito identity pools. The role can be assumed with \`sts:AssumeRoleWithWebIdentity\` by identities of a pool; condition on \`cognito-identity.amazonaws.com:aud\` (which pool) and \`:amr\` (guests or signed-in users).`;
  }
  if (path.length === 4 && second === 'Condition' && path[3].toLowerCase().endsWith(':amr')) {
    if (value === AMR_AUTHENTICATED) return "**authenticated**: identities that signed in with a provider (the pool's authenticated role).";
    if (value === AMR_UNAUTHENTICATED)
      return "**unauthenticated**: guests (the pool's unauthenticated role). Anyone who knows the pool ID can get guest credentials.";
  }
  return undefined;
}

function actionHover(value: string, catalog: Catalog): string | undefined {
  if (value === '*') return '`*`: every action of every service, including actions AWS adds later.';
  const colon = value.indexOf(':');
  if (colon <= 0) return undefined;
  if (hasWildcard(value)) return wildcardDoc(catalog, value);
  const action = catalog.action(value.slice(0, colon), value.slice(colon + 1));
  return action ? actionDoc(catalog, action) : undefined;
}

/** A `${...}` token under the cursor (only where the string has no escape sequences, so offsets map 1:1). */
function variableHover(doc: PolicyDocument, node: JsonNode, offset: number, catalog: Catalog): HoverResult | undefined {
  const value = node.value as string;
  if (!value.includes('${')) return undefined;
  const string = { value, range: { start: node.offset, end: node.offset + node.length }, offsets: (node as SourceNode).offsets };
  for (const token of scanVariables(value)) {
    // Where the token's characters are, as the checks place their findings; no hover where they cannot be told.
    const range = rangeInString(doc.text, string, token.start, token.end);
    if (range === string.range) return undefined;
    if (offset < range.start || offset >= range.end) continue;
    if (token.kind === 'variable') return { contents: variableDoc(catalog, token.name, token.defaultValue, doc.variableNotation), range };
    if (token.kind === 'escape') return { contents: escapeDoc(token.char, doc.variableNotation), range };
    return undefined;
  }
  return undefined;
}
