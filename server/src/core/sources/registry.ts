/**
 * The ONE place input formats are registered: the document sources in the order analyzeDocument asks them
 * (the first that detects a document reads it; a fallback detection counts only when no source detects the
 * document), and how hosts name each syntax (editor language ids, file names). The `cognitoPool.roles` setting
 * (sources/settings/) is not a document: the host reads the files it names and fills the role model with it.
 */
import { templateSource } from './cloudformation/templateSource';
import { policyFileSource } from './json/policyFile';
import type { DocumentInput, Source, Syntax } from './source';
import { templateFileSource, terraformSource } from './terraform/terraformSource';

/**
 * JSON documents are policy files first, templates when they are not policies; YAML ones can only be templates;
 * HCL ones (`.tf`) Terraform configurations, and Terraform template files (`.tpl`) policies when shaped like one.
 */
export const SOURCES: readonly Source[] = [policyFileSource, templateSource, terraformSource, templateFileSource];

interface SyntaxNames {
  readonly syntax: Syntax;
  readonly languageIds: readonly string[];
  /** Whether a file of this (lower-case) name is in the syntax; `text` decides for ambiguous endings. */
  readonly fileName: (lowerCaseName: string, text: string) => boolean;
}

const isJsonTemplateFile = (name: string, text: string) => name.endsWith('.template') && text.trimStart().startsWith('{');

const SYNTAXES: readonly SyntaxNames[] = [
  { syntax: 'json', languageIds: ['json', 'jsonc', 'iam-policy-json'], fileName: (name, text) => name.endsWith('.json') || isJsonTemplateFile(name, text) },
  {
    syntax: 'yaml',
    languageIds: ['yaml'],
    fileName: (name, text) => name.endsWith('.yaml') || name.endsWith('.yml') || (name.endsWith('.template') && !isJsonTemplateFile(name, text)),
  },
  // `terraform` is the language id of HashiCorp's extension; without it a .tf file is `plaintext` and its name decides.
  { syntax: 'hcl', languageIds: ['terraform'], fileName: (name) => name.endsWith('.tf') },
  // Terraform's template files (`templatefile("policy.json.tpl", {...})`); `.tftpl` is the ending Terraform recommends.
  { syntax: 'hcl-template', languageIds: [], fileName: (name) => name.endsWith('.tpl') || name.endsWith('.tftpl') },
];

/** What a document is read as when its host says nothing a syntax claims. */
const DEFAULT_SYNTAX: Syntax = 'json';

/**
 * The syntax a file name says: `.json` JSON; `.yaml`, `.yml` YAML; `.template` by its first character; `.tf`
 * HCL; `.tpl`, `.tftpl` Terraform templates; else undefined.
 */
export function syntaxOfFileName(fileName: string, text: string): Syntax | undefined {
  const lower = fileName.toLowerCase();
  return SYNTAXES.find((s) => s.fileName(lower, text))?.syntax;
}

/** Whether a file name is one a source reads (the CLI searches directories for these). */
export function isSourceFileName(fileName: string): boolean {
  return syntaxOfFileName(fileName, '') !== undefined;
}

/**
 * The syntax of a document as its host describes it: by the language id when a syntax claims it, else by the
 * file name (an editor's `plaintext` .tf file, the CLI's files), else JSON (an editor's other languages, a file
 * named on the command line with another ending).
 */
export function syntaxOf(input: DocumentInput): Syntax {
  const byLanguage = input.languageId !== undefined ? SYNTAXES.find((s) => s.languageIds.includes(input.languageId!))?.syntax : undefined;
  if (byLanguage) return byLanguage;
  if (input.fileName !== undefined) return syntaxOfFileName(input.fileName, input.text) ?? DEFAULT_SYNTAX;
  return DEFAULT_SYNTAX;
}

/** Whether a document is read with the HCL parser (a Terraform configuration or template file): hosts load it for these. */
export function readsHcl(input: DocumentInput): boolean {
  const syntax = syntaxOf(input);
  return syntax === 'hcl' || syntax === 'hcl-template';
}
