/**
 * IAM's size quotas, as IAM Access Analyzer checks them offline ("Policy size exceeds identity policy quota",
 * "... role trust policy quota", general warnings): IAM counts a policy's characters without white space.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Range } from '../model/policy';
import type { Check } from './context';
import { formatCount } from '../text/numbers';

/** "Managed policy size: 6,144 characters", "Role trust policy length: 2,048 characters" (increasable to 4,096). */
export const MANAGED_POLICY_QUOTA = 6144;
/** "Role inline policy size": every inline policy of a role together. */
export const ROLE_INLINE_POLICIES_QUOTA = 10240;
export const TRUST_POLICY_QUOTA = 2048;
const QUOTAS_PAGE = 'IAM and AWS STS quotas';

export const checkPolicySize: Check = (ctx) => {
  const root = ctx.doc.root;
  if (!root || root.type !== 'object' || (ctx.doc.kind !== 'identity' && ctx.doc.kind !== 'trust')) return;
  const size = jsonSize(root);
  // On the Statement key, which every source writes (a YAML template's policy has no brace).
  const at: Range = ctx.doc.statementElement?.keyRange ?? { start: root.offset, end: root.offset + 1 };
  const n = formatCount;
  // The size in the data, not the message: a Terraform policy document's generated JSON differs by a few quotes.
  const sizeData = { data: { size: String(size) } };
  if (ctx.doc.kind === 'trust') {
    if (size > TRUST_POLICY_QUOTA) {
      ctx.report(
        'policy-size-quota',
        at,
        `This trust policy is longer than the role trust policy length quota, ${n(TRUST_POLICY_QUOTA)} characters without white space (${QUOTAS_PAGE}; it can be raised to 4,096 through Service Quotas). Merge statements, or ask for the increase.`,
        sizeData,
      );
    }
  } else if (size > MANAGED_POLICY_QUOTA) {
    const inline =
      size > ROLE_INLINE_POLICIES_QUOTA
        ? `and than the ${n(ROLE_INLINE_POLICIES_QUOTA)} that a role's inline policies may have together`
        : `though as an inline policy of a role it fits the ${n(ROLE_INLINE_POLICIES_QUOTA)} that a role's inline policies may have together`;
    ctx.report(
      'policy-size-quota',
      at,
      `This policy is larger than the managed policy quota, ${n(MANAGED_POLICY_QUOTA)} characters without white space, ${inline} (${QUOTAS_PAGE}). Split it into several policies.`,
      sizeData,
    );
  }
};

/**
 * The characters of the policy as IAM gets it, JSON without white space, whatever syntax it is written in (a YAML
 * template's policy is sent as JSON): so a policy has one size in every source. White space inside strings is not
 * counted either: under a count, never over.
 */
function jsonSize(node: JsonNode): number {
  switch (node.type) {
    case 'object':
    case 'array': {
      const children = node.children ?? [];
      let n = 2 + Math.max(0, children.length - 1);
      for (const c of children) n += jsonSize(c);
      return n;
    }
    case 'property': {
      const [key, value] = node.children ?? [];
      return (key ? jsonSize(key) : 0) + 1 + (value ? jsonSize(value) : 0);
    }
    case 'string':
      return quotedSize(String(node.value));
    case 'null':
      return 4;
    default:
      return String(node.value).length;
  }
}

/**
 * The characters of `JSON.stringify(text)` that are not white space, counted without building it (every string
 * of the policy is counted: hot path): the quotes; two for each escape `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`;
 * six for `\u00XX` (other control characters) and for a lone surrogate (`\uXXXX`); none for a space (the only
 * white space JSON.stringify leaves as it is); one for any other character.
 */
function quotedSize(text: string): number {
  let count = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) continue;
    if (c === 34 || c === 92 || c === 8 || c === 9 || c === 10 || c === 12 || c === 13) count += 2;
    else if (c < 32) count += 6;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        count += 2;
        i++;
      } else count += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) count += 6;
    else count++;
  }
  return count;
}
