/** The analysis core's public surface. Nothing here imports vscode, vscode-languageserver or fs. */
export { analyzePolicy, runChecks, CHECKS, DEFAULT_MAX_DOCUMENT_CHARS, type AnalyzeOptions, type AnalysisResult } from './analyze';
export type { Catalog } from './catalog/types';
export type { Finding, RelatedLocation } from './findings';
export type { PolicyDocument, PolicyKind, Range } from './parse/model';
export { parsePolicy } from './parse/parsePolicy';
export { RULES, ruleInfo, isSeveritySetting, SEVERITY_SETTINGS, type Severity, type SeveritySetting, type RuleInfo } from './rules/registry';
export { LineIndex, type Position } from './text/positions';
