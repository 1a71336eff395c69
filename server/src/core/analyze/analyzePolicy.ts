/**
 * The analyser façade: text in, findings out. Pure: no file system, no editor API.
 */
import type { Catalog } from '../catalog/types';
import { checkActions } from '../checks/actions';
import { checkBroadGrants } from '../checks/broadGrants';
import { checkConditions } from '../checks/conditions';
import type { Check, CheckContext, IdentityPoolContext } from '../checks/context';
import { checkResources } from '../checks/resources';
import { checkIdentityPoolPermissions } from '../checks/identityPoolPermissions';
import { checkDuplicateKeys, checkJsonSyntax, checkStatements, checkTopLevel } from '../checks/structure';
import { checkTrustPolicies } from '../checks/trust';
import { checkVariables } from '../checks/variables';
import type { Finding } from '../model/findings';
import { parsePolicy, type ParseOptions } from '../parse/parsePolicy';
import type { PolicyDocument, PolicyKind } from '../model/policy';
import { ruleInfo, type Severity, type SeveritySetting } from '../rules/registry';

/** Every check, in the order their findings are listed. New rule families plug in here. */
export const CHECKS: readonly Check[] = [
  checkJsonSyntax,
  checkDuplicateKeys,
  checkTopLevel,
  checkStatements,
  checkActions,
  checkResources,
  checkConditions,
  checkVariables,
  checkBroadGrants,
  checkTrustPolicies,
  checkIdentityPoolPermissions,
];

/** Larger documents are not analysed (IAM's own limit is 10,240 characters for a managed policy). */
export const DEFAULT_MAX_DOCUMENT_CHARS = 1_000_000;

export interface AnalyzeOptions extends ParseOptions {
  /** Per-rule severity overrides (`cognitoPool.rules`, `--rule`). Unknown ids are ignored. */
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  readonly maxDocumentChars?: number;
  /**
   * The host knows the policy is a permission policy of an identity-pool role (and which one). Default:
   * detected from the document (Cognito variables or condition keys); the guest rules need `role: 'guest'`.
   */
  readonly identityPool?: IdentityPoolContext;
}

export interface AnalysisResult {
  readonly kind: PolicyKind;
  readonly findings: readonly Finding[];
  /** Undefined when the document was too large to parse. */
  readonly document?: PolicyDocument;
}

export function analyzePolicy(text: string, catalog: Catalog, options: AnalyzeOptions = {}): AnalysisResult {
  const max = options.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS;
  if (text.length > max) {
    // Cheap test on the first bytes only: a large policy-shaped file gets one notice, anything else silence.
    const head = text.slice(0, 4096);
    if (!head.includes('"Statement"')) return { kind: 'not-a-policy', findings: [] };
    const findings: Finding[] = [];
    const severity = resolveSeverity('document-too-large', undefined, options.rules);
    if (severity) {
      findings.push({
        ruleId: 'document-too-large',
        severity,
        message: `This document has ${text.length.toLocaleString('en-US')} characters, more than the ${max.toLocaleString('en-US')} the analyser checks (IAM policies are limited to a few thousand). It was not analysed.`,
        range: { start: 0, end: Math.min(1, text.length) },
      });
    }
    return { kind: 'not-a-policy', findings };
  }
  const document = parsePolicy(text, options);
  if (document.kind === 'not-a-policy') return { kind: document.kind, findings: [], document };
  return { kind: document.kind, findings: runChecks(document, catalog, options.rules, CHECKS, options.identityPool), document };
}

export function runChecks(
  document: PolicyDocument,
  catalog: Catalog,
  rules?: Readonly<Record<string, SeveritySetting>>,
  checks: readonly Check[] = CHECKS,
  identityPool?: IdentityPoolContext,
): Finding[] {
  const findings: Finding[] = [];
  const ctx: CheckContext = {
    doc: document,
    catalog,
    identityPool,
    report(ruleId, range, message, extras) {
      const severity = resolveSeverity(ruleId, extras?.defaultSeverity, rules);
      if (!severity) return;
      findings.push({ ruleId, severity, message, range, related: extras?.related, data: extras?.data });
    },
  };
  for (const check of checks) check(ctx);
  // Document order (stable: findings at one position keep the order of the checks).
  return findings.sort((a, b) => a.range.start - b.range.start);
}

export function resolveSeverity(ruleId: string, findingDefault: Severity | undefined, rules?: Readonly<Record<string, SeveritySetting>>): Severity | undefined {
  const info = ruleInfo(ruleId);
  if (!info) throw new Error(`A check reported "${ruleId}", which is not in the rule registry.`);
  const setting = rules?.[ruleId];
  if (setting === 'off') return undefined;
  return setting ?? findingDefault ?? info.defaultSeverity;
}
