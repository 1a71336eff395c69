/** The analysis core's public surface. Nothing here imports vscode, vscode-languageserver or fs. */
export { analyzePolicy, runChecks, CHECKS, DEFAULT_MAX_DOCUMENT_CHARS, type AnalyzeOptions, type AnalysisResult } from './analyze';
export type { Catalog } from './catalog/types';
export type { Finding, RelatedLocation } from './findings';
export type { PolicyDocument, PolicyKind, Range } from './parse/model';
export { parsePolicy } from './parse/parsePolicy';
export { RULES, ruleInfo, isSeveritySetting, SEVERITY_SETTINGS, type Severity, type SeveritySetting, type RuleInfo } from './rules/registry';
export { LineIndex, type Position } from './text/positions';
export { complete, type CompletionEntry, type CompletionKind, type CompletionOptions, type TextEdit } from './features/completion';
export { hover, type HoverResult } from './features/hover';
export { quickFixes, fixAll, AUD_PLACEHOLDER, type CodeFix, type FixOptions } from './features/codeActions';
export { documentSymbols, type PolicySymbol } from './features/symbols';
export { isIdentityPoolId, IDENTITY_POOL_ID_EXAMPLE } from './cognito/knowledge';
export { evaluateRequest, evaluatePermissions, requestProblem, type AccessDecision, type AccessRequest, type Evaluation, type EvaluationInput, type PermissionResult } from './evaluate/evaluate';
export { evaluateTrust, type TrustResult } from './evaluate/trust';
export { identityContexts, amrOf, describeIdentity, type PoolIdentity, type PoolFlow, type IdentityContexts } from './evaluate/identity';
export { RequestContext, type ContextInput, type ContextValue } from './evaluate/context';
export type { NamedPolicy, StatementRef } from './evaluate/statement';
