/** The analysis core's public surface. Nothing here imports vscode, vscode-languageserver or fs. */
export {
  analyzeDocument,
  policyAt,
  readRoleModel,
  type AnalyzedPolicy,
  type DocumentAnalysis,
  type DocumentInput,
  type DocumentRoles,
} from './analyze/analyzeDocument';
export { analyzePolicy, DEFAULT_MAX_DOCUMENT_CHARS, type AnalyzeOptions, type AnalysisResult } from './analyze/analyzePolicy';
export type { RunOptions } from './analyze/runSource';
export type { Catalog } from './catalog/types';
export type { Finding, RelatedLocation } from './model/findings';
export type { PolicyDocument, PolicyKind, Range, SyntaxProblemKind } from './model/policy';
export { parsePolicy } from './parse/parsePolicy';
export { RULES, ruleInfo, isSeveritySetting, SEVERITY_SETTINGS, type Severity, type SeveritySetting, type RuleInfo } from './rules/registry';
export { LineIndex, type Position } from './text/positions';
export { pushAll } from './text/lists';
export { formatCount } from './text/numbers';
export { wildcardMatch } from './text/wildcard';
export { complete, type CompletionEntry, type CompletionKind, type CompletionOptions, type TextEdit } from './features/completion';
export { hover, type HoverResult } from './features/hover';
export { quickFixes, fixAll, AUD_PLACEHOLDER, type CodeFix, type FixOptions } from './features/codeActions';
export { applyEdits, fixAllToFixedPoint, findingsOfPolicy, readingsOfPolicy, MAX_FIX_ROUNDS, type FixAllOptions, type FixAllResult } from './analyze/fixAll';
export {
  evaluateRequest,
  evaluatePermissions,
  requestProblem,
  type AccessDecision,
  type AccessRequest,
  type Evaluation,
  type EvaluationInput,
  type PermissionResult,
} from './evaluate/evaluate';
export { evaluateTrust, firstClaimValue, type TrustResult } from './evaluate/trust';
export { identityContexts, amrOf, describeIdentity, type PoolIdentity, type PoolFlow, type IdentityContexts } from './evaluate/identity';
export { RequestContext, type ContextInput, type ContextValue } from './evaluate/context';
export { claimsOfJson, claimsOfJwt, signInOf, type Claims, type ClaimsResult, type SignIn } from './evaluate/signIn';
export {
  poolChoices,
  principalTagsFor,
  resolveRole,
  simulatePool,
  type PoolChoice,
  type PoolSignIn,
  type PoolSimulation,
  type PoolSimulationInput,
  type PoolStatementRef,
  type PrincipalTagsResult,
  type PoolRole,
  type RoleResolution,
  type RuleOutcome,
  type RuleResult,
} from './evaluate/resolveRole';
export type { NamedPolicy, StatementRef } from './evaluate/statement';
export { documentSymbols, type PolicySymbol } from './features/symbols';
export { foldingRanges, formatEdits, type FormatOptions } from './features/layout';
export { isIdentityPoolId, IDENTITY_POOL_ID_EXAMPLE } from './cognito/knowledge';
export { analyzeTemplate, type TemplateAnalysis, type TemplateAnalyzeOptions, type TemplatePolicy } from './analyze/analyzeTemplate';
// The sources' public types and the syntax names hosts need (index.ts is the surface, not an importer with logic).
export { parseTemplate, type ParsedTemplate, type TemplateFormat } from './sources/cloudformation/parseTemplate';
export { isSourceFileName, readsHcl, syntaxOfFileName } from './sources/registry';
export type { DocumentKind, ModuleFileInput, Syntax } from './sources/source';
export { isChecked, MODULE_TEMPLATE_DEPTH } from './sources/source';
export type { HclNode, HclParser } from './sources/terraform/hclTree';
export { isHclNameChar, isHclNameStart } from './text/hclNames';
export { namedJsonFiles } from './sources/terraform/namedFiles';
export {
  readRoleSettings,
  workspaceFromRoleSettings,
  ROLES_SETTING,
  UNLOCATED_SETTING,
  type PolicyFile,
  type ResolvedRole,
  type RoleSetting,
  type RoleSettings,
  type RoleSettingsModel,
  type SettingsDocument,
} from './sources/settings/fromSettings';
export type {
  RoleWorkspace,
  RoleModel,
  IdentityPoolModel,
  RoleAttachmentModel,
  RoleMappingModel,
  RoleMappingRuleModel,
  PrincipalTagMapModel,
  PoolProviderModel,
  LocatedText,
  RoleReference,
  PoolReference,
  PolicySource,
  DocumentId,
  IdentityPoolContext,
} from './model/roles';
export { analyzeRoles, identityPoolContextForRoles, type RoleFinding } from './analyze/analyzeRoles';
export * from './flow';
export {
  CONFIG_FILE_NAME,
  PACKAGE_JSON_KEY,
  configForFile,
  lintConfigOf,
  readLintConfig,
  withSettings,
  type FileConfig,
  type GlobMatcher,
  type LintConfig,
  type LintConfigRead,
  type RuleSeverities,
} from './config/lintConfig';
