/**
 * Policy variables (`${...}`): syntax, known keys, where IAM substitutes them, and the Version they
 * need. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
import { COGNITO_SUB_KEY, isWebIdentityKey } from '../cognito/knowledge';
import { conditionString, type Range, type StringValue } from '../model/policy';
import { inNotation, writeVariable } from '../model/variableNotation';
import { splitArn } from '../text/arn';
import { findMissingDollar, scanVariables } from '../text/variables';
import { parseOperator } from '../iam/operators';
import { CURRENT_VERSION, OLD_VERSION, substitutesVariables } from '../iam/versions';
import { innerRange, type Check, type CheckContext } from './context';

/** Where a string sits, which decides what its variables may do. */
type Place = 'resource' | 'condition-string' | 'condition-other' | 'not-substituted';

const NOT_SUBSTITUTED = ['Sid', 'Effect'] as const;
const PRINCIPALS = ['Principal', 'NotPrincipal'] as const;

export const checkVariables: Check = (ctx) => {
  const { doc } = ctx;
  const oldVersion = !substitutesVariables(doc);
  const hasVersionElement = doc.elements.some((e) => e.key === 'Version');
  for (const s of doc.statements) {
    for (const r of s.resources ?? []) checkString(ctx, r, 'resource', oldVersion, hasVersionElement);
    for (const r of s.notResources ?? []) checkString(ctx, r, 'resource', oldVersion, hasVersionElement);
    for (const block of s.conditions ?? []) {
      const op = parseOperator(block.operator.value);
      const place: Place = !op || op.family === 'String' || op.family === 'Arn' ? 'condition-string' : 'condition-other';
      for (const entry of block.entries) {
        for (const v of entry.values) {
          if (v.kind === 'string') checkString(ctx, conditionString(v), place, oldVersion, hasVersionElement);
        }
      }
    }
    for (const name of NOT_SUBSTITUTED) {
      const value = s.byName.get(name)?.value;
      if (value?.type === 'string' && (value.value as string).includes('${')) {
        ctx.report('variable-not-allowed-here', { start: value.offset, end: value.offset + value.length }, `Policy variables are not substituted in ${name}.`);
      }
    }
    for (const name of PRINCIPALS) {
      const principal = s.byName.get(name);
      if (principal) reportVariablesIn(ctx, principal.value, name);
    }
  }
};

function reportVariablesIn(ctx: CheckContext, node: import('jsonc-parser').Node | undefined, where: string): void {
  if (!node) return;
  if (node.type === 'string' && (node.value as string).includes('${')) {
    ctx.report(
      'variable-not-allowed-here',
      { start: node.offset, end: node.offset + node.length },
      `Policy variables are not substituted in ${where}: write the principal literally.`,
    );
  }
  for (const child of node.children ?? []) reportVariablesIn(ctx, child, where);
}

function checkString(ctx: CheckContext, s: StringValue, place: Place, oldVersion: boolean, hasVersionElement: boolean): void {
  const text = s.value;
  const notation = ctx.doc.variableNotation; // advice in the document's own spelling of a variable
  for (const missing of findMissingDollar(text)) {
    if (isKnownKey(ctx, missing.name)) {
      ctx.report(
        'variable-missing-dollar',
        innerRange(ctx, s, missing.start, missing.end),
        `"{${missing.name}}" is missing its "$": write "${writeVariable(missing.name, notation)}". Without it the text is literal and never matches.`,
        {
          data: { replacement: '$' + text.slice(missing.start, missing.end) },
        },
      );
    }
  }
  if (!text.includes('${')) return;
  const arn = place === 'resource' ? splitArn(text) : undefined;
  for (const token of scanVariables(text)) {
    const range = innerRange(ctx, s, token.start, token.end);
    if (token.kind === 'error') {
      ctx.report(
        'variable-syntax',
        range,
        `The policy variable "${inNotation(text.slice(token.start, token.end), notation)}" ${inNotation(token.problem, notation)}.`,
      );
      continue;
    }
    if (token.kind === 'escape') continue;
    if (oldVersion) {
      const why = hasVersionElement ? `Version is ${OLD_VERSION}` : 'the policy has no Version';
      ctx.report(
        'variable-in-old-version',
        range,
        `"${writeVariable(token.name, notation)}" is literal text because ${why}: set "Version": "${CURRENT_VERSION}".`,
        {
          data: { replacement: CURRENT_VERSION },
        },
      );
    }
    if (place === 'condition-other') {
      ctx.report('variable-not-allowed-here', range, `Policy variables are substituted only with String and Arn operators, not here.`);
      continue;
    }
    // Region and account may hold variables: AWS's own managed policies use ${aws:PrincipalAccount}
    // and ${aws:RequestedRegion} there. The partition and service may not.
    if (arn && token.start < arn.offsets[2]) {
      ctx.report(
        'variable-not-allowed-here',
        range,
        'Policy variables are not substituted in the partition or service of an ARN: write them literally (e.g. "arn:aws:s3:::...").',
      );
      continue;
    }
    checkVariableName(ctx, token.name, innerRange(ctx, s, token.nameStart, token.nameStart + token.name.length));
  }
}

function isKnownKey(ctx: CheckContext, name: string): boolean {
  return !!ctx.catalog.conditionKey(name);
}

function checkVariableName(ctx: CheckContext, name: string, range: Range): void {
  const key = ctx.catalog.conditionKey(name);
  if (key) {
    if (key.multiValued) {
      ctx.report(
        'multi-valued-variable',
        range,
        `"${name}" is multi-valued and cannot be a policy variable: IAM does not substitute it. Use a condition with ForAnyValue: instead.`,
      );
    }
    return;
  }
  // Claims of arbitrary OIDC issuers (`<issuer-host>:sub`) cannot all be in the catalog.
  if (isWebIdentityKey(name) && !name.toLowerCase().startsWith('cognito-identity.amazonaws.com:')) return;
  ctx.report(
    'unknown-variable',
    range,
    `"${writeVariable(name, ctx.doc.variableNotation)}" names no known condition key, so it never resolves (IAM catalog ${ctx.catalog.dataDate}). For the identity ID use ${writeVariable(COGNITO_SUB_KEY, ctx.doc.variableNotation)}.`,
  );
}
