/**
 * The custom LSP requests between the extension and the language server: names, shapes and the validators of
 * what crosses the process boundary, shared by both sides (plain data; nothing outside the protocol module).
 */
import { isPlainObject, type FlowInputs, type FlowModel } from './flow';

/** What a document is to IAM (core/model/policy.ts's PolicyKind). */
export type PolicyKind = 'identity' | 'trust' | 'resource' | 'not-a-policy';

// ---------------------------------------------------------------------------------------------
// Client -> server: the flow panel

/** `FlowParams` -> `FlowResult`: the flow model of the role the document belongs to. */
export const FLOW_REQUEST = 'cognitoPool/flow';
/** `{ uri }` -> `DocumentKindResult`: whether the document is a policy the panel can show (for the CodeLens). */
export const DOCUMENT_KIND_REQUEST = 'cognitoPool/documentKind';

export interface FlowParams {
  /** The document the panel follows: a role's trust policy or one of its permission policies. */
  readonly uri: string;
  /**
   * Other open documents the user added to the same role. Until the workspace role model knows the role, the
   * role is these documents; later a role model can supply them (and this list adds to it).
   */
  readonly with?: readonly string[];
  readonly inputs?: FlowInputs;
}

/** An open trust or permission policy that can be added to the role. */
export interface FlowDocument {
  readonly uri: string;
  readonly name: string;
  readonly kind: 'trust' | 'identity';
}

export interface FlowResult {
  /** The followed document's kind; `closed` when the server does not have it open, `too-large` past the size limit. */
  readonly kind: PolicyKind | 'closed' | 'too-large';
  /** The document version the model was built from. */
  readonly version?: number;
  /** The document is a whole identity pool's (a template): the model's `pool` says which role the identity gets. */
  readonly pool?: boolean;
  /** Absent when the document is not a trust or permission policy. */
  readonly model?: FlowModel;
  /** The model as a Mermaid sequenceDiagram. */
  readonly mermaid?: string;
  /** Why there is no model, or which added documents were not used. */
  readonly notes: readonly string[];
  /** Every other open trust or permission policy (the ones in `with` included). */
  readonly documents: readonly FlowDocument[];
}

export interface DocumentKindResult {
  /** The document read as a policy file (a template is `not-a-policy` here: the panel follows policy files). */
  readonly kind: PolicyKind | 'closed' | 'too-large';
  /** A trust policy that lets identity pools in, or a permission (identity) policy: the panel applies. */
  readonly flow: boolean;
  /** The panel shows the whole identity pool of the document (a template with a pool). */
  readonly pool?: boolean;
  /** What the analysis made of the document (the language status item); absent when it was not analysed. */
  readonly summary?: DocumentSummary;
}

/** What the server thinks a document is: a policy file of a kind, a template with its policies, or nothing of ours. */
export interface DocumentSummary {
  readonly kind: PolicyKind | 'template';
  /** A template's format: a CloudFormation template or a Terraform file (`.tf`). */
  readonly templateFormat?: 'cloudformation' | 'terraform';
  /** How many policies of each kind the document holds (a policy file: one; a template: its embedded ones). */
  readonly policies: { readonly identity: number; readonly trust: number; readonly resource: number };
  /**
   * The identity-pool roles its permission policies are analysed as, when known: from `cognitoPool.roles`,
   * or a template's identity-pool role attachment. Empty when nothing says.
   */
  readonly identityPoolRoles: readonly ('authenticated' | 'guest')[];
}

// ---------------------------------------------------------------------------------------------
// Rule documentation: each diagnostic's code links to `cognito-pool-docs:/rules/<rule id>.md`, a read-only
// document the extension serves (a file system of its own) and opens as a rendered Markdown preview. The
// text comes from the server, which has the README shipped with the extension (offline, also in the browser).

export const RULE_DOCS_SCHEME = 'cognito-pool-docs';
const RULE_DOC_PATH = /^\/rules\/([a-z0-9-]+)\.md$/;

/** The link of a rule's documentation (a diagnostic's `codeDescription.href`). */
export function ruleDocUri(ruleId: string): string {
  return `${RULE_DOCS_SCHEME}:/rules/${ruleId}.md`;
}

/** The rule id of a rule documentation URI's path (`/rules/<id>.md`); undefined for any other path. */
export function ruleIdOfDocPath(path: string): string | undefined {
  return RULE_DOC_PATH.exec(path)?.[1];
}

/** Client -> server, `RuleDocParams` -> `RuleDocResult`: a rule's documentation as Markdown. */
export const RULE_DOC_REQUEST = 'cognitoPool/ruleDoc';
export interface RuleDocParams {
  readonly ruleId: string;
}
/** Undefined `markdown`: the rule is not documented (an unknown id, or the README could not be read). */
export interface RuleDocResult {
  readonly markdown?: string;
}

// ---------------------------------------------------------------------------------------------
// The browser server's start and its file access (a server in a Worker has no file system: the extension
// reads its own files and the workspace's through vscode.workspace.fs, which also serves virtual file systems)

/** `initializationOptions` of the browser server: the extension's own files it needs, read by the client. */
export interface BrowserInitializationOptions {
  /** dist/catalog.json as text. */
  readonly catalog: string;
  /** README.md as text (it documents every rule; the server serves each rule's part, RULE_DOC_REQUEST) and its URI. */
  readonly readme?: { readonly uri: string; readonly text: string };
  /** The HCL parser's WebAssembly (dist/web-tree-sitter.wasm, dist/tree-sitter-terraform.wasm), base64. */
  readonly hclWasm?: { readonly runtime: string; readonly grammar: string };
}

/** Server -> client, `ReadFileParams` -> `ReadFileResult`: a workspace file's text (UTF-8). */
export const READ_FILE_REQUEST = 'cognitoPool/readFile';
export interface ReadFileParams {
  readonly uri: string;
}
/** The text, or why there is none: `not found`, `a folder`, or the file system's message. */
export type ReadFileResult = { readonly text: string } | { readonly error: string };

/**
 * Server -> client, `ListFilesParams` -> `ListFilesResult`: the files under a folder, sorted, not inside
 * `node_modules` or folders whose name starts with a dot; at most `limit` (then `truncated`). A missing folder
 * has none.
 */
export const LIST_FILES_REQUEST = 'cognitoPool/listFiles';
export interface ListFilesParams {
  readonly uri: string;
  readonly limit: number;
}
export interface ListFilesResult {
  /** URIs, as the client's file system names them. */
  readonly files: readonly string[];
  readonly truncated: boolean;
}

// ---------------------------------------------------------------------------------------------
// Client -> server: tabs restored after a reload. VS Code restores the editor tabs of a window without opening
// their documents (only the visible ones are opened), so the server would not see them until they are shown;
// the client reads them and hands their text over, and says when such a tab is closed.

/** `RestoredTabParams`, no answer: analyse and publish the diagnostics of a tab's file that is not open. */
export const RESTORED_TAB_NOTIFICATION = 'cognitoPool/restoredTab';
export interface RestoredTabParams {
  readonly uri: string;
  readonly languageId: 'json' | 'jsonc' | 'yaml';
  readonly text: string;
}
/** `{ uri }`, no answer: the restored tab was closed without its document being opened: clear its diagnostics. */
export const RESTORED_TAB_CLOSED_NOTIFICATION = 'cognitoPool/restoredTabClosed';

// ---------------------------------------------------------------------------------------------
// The IAM Policy language mode: JSON policy documents served by this extension alone (package.json
// contributes the language; its completion, formatting, folding and outline replace the built-in JSON
// service's, whose suggestions would interleave with the policy's). The server says which JSON documents
// are policy files; the client switches them (cognitoPool.policyLanguageMode).

/** The language id of the IAM Policy language mode (package.json `contributes.languages`). */
export const POLICY_LANGUAGE_ID = 'iam-policy-json';
/** VS Code's two JSON languages, which the built-in JSON service serves (policies are switched from these). */
export const JSON_LANGUAGE_IDS: readonly string[] = ['json', 'jsonc'];
/** The languages a JSON policy file is open in: JSON's two and the IAM Policy mode. */
export const POLICY_FILE_LANGUAGES: readonly string[] = [...JSON_LANGUAGE_IDS, POLICY_LANGUAGE_ID];
/** The server's completion trigger characters: `"` and `:` start keys, values and actions; `{` after `$` a variable. */
export const COMPLETION_TRIGGER_CHARACTERS: readonly string[] = ['"', ':', '{'];
/**
 * Every language the extension serves by language id: policy files, CloudFormation templates (JSON or YAML) and
 * Terraform (HashiCorp's extension's id; without it, .tf files are matched by name: client/src/common/activate.ts).
 */
export const DOCUMENT_LANGUAGES: readonly string[] = [...POLICY_FILE_LANGUAGES, 'yaml', 'terraform'];
/** The language ids of CloudFormation/SAM templates (JSON or YAML): the flow panel follows a template with an identity pool. */
export const TEMPLATE_LANGUAGES: readonly string[] = [...JSON_LANGUAGE_IDS, 'yaml'];

/**
 * The client command a completion item of ours runs in a `json`/`jsonc` policy file, with the document's URI and
 * whether to open the suggestion list again: accepting a suggestion is the moment to switch the document to the
 * IAM Policy mode (the list has just closed), before the next one opens. Only for clients that say they have it
 * (`ClientInitializationOptions`); others get the plain re-trigger.
 */
export const COMPLETED_IN_POLICY_COMMAND = 'cognitoPool.completedInPolicy';

/** The `initializationOptions` every client of this extension sends (the browser one adds BrowserInitializationOptions). */
export interface ClientInitializationOptions {
  /** The client has COMPLETED_IN_POLICY_COMMAND. */
  readonly completedInPolicyCommand?: boolean;
}

/** Whether the client's initializationOptions (untrusted JSON) say it has COMPLETED_IN_POLICY_COMMAND. */
export function hasCompletedInPolicyCommand(initializationOptions: unknown): boolean {
  return isPlainObject(initializationOptions) && initializationOptions.completedInPolicyCommand === true;
}

/** Server -> client, `PolicyDocumentParams`, no answer: a `json`/`jsonc` document is an IAM policy file. */
export const POLICY_DOCUMENT_NOTIFICATION = 'cognitoPool/policyDocument';
export interface PolicyDocumentParams {
  readonly uri: string;
}

/** The params of POLICY_DOCUMENT_NOTIFICATION when they are well-formed (they cross a process boundary). */
export function policyDocumentParams(raw: unknown): PolicyDocumentParams | undefined {
  const uri = isPlainObject(raw) ? raw.uri : undefined;
  return typeof uri === 'string' && uri !== '' ? { uri } : undefined;
}
