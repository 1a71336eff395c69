/**
 * The ONE place input formats are registered: the document sources in the order analyzeDocument asks them
 * (the first that detects a document reads it; a fallback detection counts only when no source detects the
 * document), and how hosts name each syntax (editor language ids, file names). The `cognitoPool.roles` setting
 * (sources/settings/) is not a document: the host reads the files it names and fills the role model with it.
 */
import { templateSource } from './cloudformation/templateSource';
import { policyFileSource } from './json/policyFile';
import type { DocumentInput, Source, Syntax } from './source';

/** JSON documents are policy files first, templates when they are not policies; YAML ones can only be templates. */
export const SOURCES: readonly Source[] = [policyFileSource, templateSource];

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
];

/** What a document is read as when its host says nothing a syntax claims. */
const DEFAULT_SYNTAX: Syntax = 'json';

/** The syntax a file name says: `.json` JSON; `.yaml`, `.yml` YAML; `.template` by its first character; else undefined. */
export function syntaxOfFileName(fileName: string, text: string): Syntax | undefined {
  const lower = fileName.toLowerCase();
  return SYNTAXES.find((s) => s.fileName(lower, text))?.syntax;
}

/** Whether a file name is one a source reads (the CLI searches directories for these). */
export function isSourceFileName(fileName: string): boolean {
  return syntaxOfFileName(fileName, '') !== undefined;
}

/**
 * The syntax of a document as its host describes it: by the language id when there is one, else by the file
 * name, else JSON (an editor's other languages, a file named on the command line with another ending).
 */
export function syntaxOf(input: DocumentInput): Syntax {
  if (input.languageId !== undefined) return SYNTAXES.find((s) => s.languageIds.includes(input.languageId!))?.syntax ?? DEFAULT_SYNTAX;
  if (input.fileName !== undefined) return syntaxOfFileName(input.fileName, input.text) ?? DEFAULT_SYNTAX;
  return DEFAULT_SYNTAX;
}
