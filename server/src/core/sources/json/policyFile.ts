/**
 * A JSON policy file: the whole document is one IAM policy (identity, trust or resource policy, classified by
 * parse/classify.ts). Precision first: a JSON document that is not clearly a policy (package.json, settings
 * files) is not detected; it is read only when no other source detects it (kind `not-a-policy`, no findings,
 * its tree kept for completion in a policy being written). The syntax problems of a policy file are reported
 * by the checks (checkJsonSyntax), as they see the parsed document; this source's own finding is the size
 * notice of a policy-shaped document too large to analyse.
 */
import { MAX_DEPTH, tooDeepOffset } from '../../parse/fastParse';
import { parsePolicy, type ParseOptions } from '../../parse/parsePolicy';
import type { PolicyDocument, PolicyKind } from '../../model/policy';
import type { Reported } from '../../rules/report';
import type { Detection, Source, SourceDocument, SourceRead } from '../source';
import { policyFileInModule } from '../terraform/terraformSource';
import { formatCount } from '../../text/numbers';

/** What detect parsed: the policy, or undefined for a policy-shaped document over the size limit. */
export interface ParsedPolicyFile {
  readonly policy?: PolicyDocument;
  /** The policy was saved as code writes it (escaped quotes, or one JSON string): the syntax error that says so. */
  readonly escaped?: Reported;
}

export function detectPolicyFile(document: SourceDocument, options: ParseOptions = {}): Detection<ParsedPolicyFile> | undefined {
  if (document.syntax !== 'json') return undefined;
  if (document.text.length > document.maxDocumentChars) {
    // Cheap test on the first bytes only: a large policy-shaped file gets one notice, anything else silence.
    return namesStatementEarly(document.text) ? { parsed: {} } : undefined;
  }
  // A leading byte order mark (a file read as is, by the CLI) is read as a space, at the same offsets, and reported.
  const text = document.text.charCodeAt(0) === BOM ? ' ' + document.text.slice(1) : document.text;
  const policy = parsePolicy(text, options);
  if (policy.kind === 'not-a-policy' && !options.kind) {
    const escaped = escapedPolicy(text);
    if (escaped) return { parsed: { policy: { ...policy, kind: escaped.kind }, escaped: escaped.finding } };
  }
  return { parsed: { policy }, fallback: policy.kind === 'not-a-policy' };
}

const BOM = 0xfeff;

/** Whether a document names `"Statement"` in its first 4 KB: policy-shaped, for the cases no parse tree decides. */
function namesStatementEarly(text: string): boolean {
  return text.slice(0, 4096).includes('"Statement"');
}

/**
 * IAM accepts only tab, line feed, carriage return and U+0020 to U+00FF in a policy document (the IAM API
 * reference, CreatePolicy's PolicyDocument), so a document sent with its byte order mark is rejected.
 */
const BOM_MESSAGE =
  'The file starts with a byte order mark (U+FEFF), which IAM rejects: a policy document may hold only tab, line feed, carriage return and U+0020 to U+00FF. Save it as UTF-8 without a BOM.';

/**
 * A policy copied out of code: its quotes backslash-escaped (`{\"Version\": ...}`), or the whole policy one JSON
 * string (`"{\"Version\": ...}"`). IAM takes neither; it is a policy with a syntax error, not "not a policy".
 * Decided on the text with the escapes undone, which must be a policy in strict JSON.
 */
function escapedPolicy(text: string): { readonly kind: Exclude<PolicyKind, 'not-a-policy'>; readonly finding: Reported } | undefined {
  const first = text.indexOf('\\"');
  if (first < 0) return undefined;
  const start = text.search(/\S/);
  if (text[start] === '"') {
    let inner: unknown;
    try {
      inner = JSON.parse(text);
    } catch {
      return undefined;
    }
    const policy = typeof inner === 'string' ? parsePolicy(inner) : undefined;
    if (!policy || policy.kind === 'not-a-policy' || policy.syntaxProblems.length > 0) return undefined;
    const message =
      'This file holds the policy as one JSON string, as code writes it: IAM takes the policy itself. Remove the outer quotes and the backslash before each inner quote.';
    return { kind: policy.kind, finding: { ruleId: 'json-syntax', range: { start, end: start + 1 }, message } };
  }
  const policy = parsePolicy(text.replace(/\\"/g, '"'));
  if (policy.kind === 'not-a-policy' || policy.syntaxProblems.length > 0) return undefined;
  const message =
    'The quotes of this policy are escaped (\\"), as in a string in code: IAM takes JSON, where the backslashes are errors. Remove the backslash before each quote.';
  return { kind: policy.kind, finding: { ruleId: 'json-syntax', range: { start: first, end: first + 2 }, message } };
}

/**
 * A policy file; with its Terraform module (the host's word: a .tf file names it, `file("guest.json")`), the
 * policy of the attributes that name it (terraformSource.ts: policyFileInModule).
 */
export function readPolicyFile(document: SourceDocument, parsed: ParsedPolicyFile): SourceRead {
  const alone = readAlone(document, parsed);
  return (parsed.policy && document.moduleFiles && policyFileInModule(document, alone)) || alone;
}

function readAlone(document: SourceDocument, parsed: ParsedPolicyFile): SourceRead {
  const { text, maxDocumentChars: max } = document;
  const policy = parsed.policy;
  if (!policy) {
    const tooLarge: Reported = {
      ruleId: 'document-too-large',
      message: `This document has ${formatCount(text.length)} characters, more than the ${formatCount(max)} the analyser checks (IAM policies are limited to a few thousand). It was not analysed.`,
      range: { start: 0, end: Math.min(1, text.length) },
    };
    return { kind: 'not-a-policy', policies: [], findings: [tooLarge] };
  }
  const policies = [{ range: { start: 0, end: text.length }, document: policy }];
  // Escaped quotes: the one finding says what is wrong; the checks would only echo the parse errors.
  if (parsed.escaped) return { kind: policy.kind, policies, findings: [parsed.escaped], checksBlocked: true };
  // Nesting past the parser's limit leaves no tree: say so where it starts (issue 15), rather than nothing.
  // Only for a document shaped like a policy (its "Statement" before the nesting): other JSON gets nothing from us.
  const deep = policy.root || !namesStatementEarly(text) ? 0 : tooDeepOffset(text);
  const findings: Reported[] =
    document.text.charCodeAt(0) === BOM && policy.kind !== 'not-a-policy' ? [{ ruleId: 'json-syntax', message: BOM_MESSAGE, range: { start: 0, end: 1 } }] : [];
  if (deep) {
    findings.push({
      ruleId: 'analysis-limit',
      message: `This document nests more than ${formatCount(MAX_DEPTH)} levels deep here, more than the analyser reads (IAM policies nest a few levels). It was not analysed.`,
      range: { start: deep, end: deep + 1 },
    });
  }
  return { kind: policy.kind, policies, findings };
}

export const policyFileSource: Source<ParsedPolicyFile> = {
  id: 'json',
  detect: (document) => detectPolicyFile(document),
  read: readPolicyFile,
};
