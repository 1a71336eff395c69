/**
 * The `cognitoPool.roles` setting in a workspace, for the language server: resolves each folder's setting to
 * files (paths and picomatch globs relative to the folder), reads them (the open documents' text first, so
 * unsaved edits count), fills the role model (core/sources/settings/fromSettings.ts) and answers, per document, the
 * findings of the rules across documents (related locations in other files named by URI, with those files' text
 * for positions) and the identity-pool role to analyse a permission policy as (AnalyzeOptions.identityPool).
 *
 * Cached: a folder's globs are expanded once (again after a file is created or deleted under their folder), and
 * its model is rebuilt only when the text of one of its files changed. Glob folders are walked from the glob's
 * static part (`iam/auth` for `iam/auth/*.json`), skipping `node_modules` and folders whose name starts with a
 * dot, and stop after {@link MAX_LISTED_FILES} files (a problem says so).
 *
 * Host-neutral: files are reached through a {@link RoleFiles} (node/workspaceRoles.ts: the disk; the browser
 * server: the client's vscode.workspace.fs). That access is asynchronous, so `configure` and `filesChanged` read
 * everything a model needs first and then replace the current state at once; the questions the server asks per
 * document (`contains`, `findingsFor`, ...) stay synchronous and never wait for a file.
 */
import picomatch from 'picomatch';
import { globMatcher } from './globMatch';
import {
  analyzeRoles,
  DEFAULT_MAX_DOCUMENT_CHARS,
  identityPoolContextForRoles,
  readRoleSettings,
  ROLES_SETTING,
  UNLOCATED_SETTING,
  workspaceFromRoleSettings,
  type Finding,
  type IdentityPoolContext,
  type PolicyFile,
  type RelatedLocation,
  type ResolvedRole,
  type RoleFinding,
  type RoleSetting,
  type RoleSettingsModel,
  type SeveritySetting,
} from '../core';
import { formatCount, pushAll } from '../core';

/** How many files one glob's folder walk lists at most. */
export const MAX_LISTED_FILES = 5_000;

const MAX_REMEMBERED_URIS = 10_000;

/** Where a folder's own settings are written: related locations point at the setting there. */
const FOLDER_SETTINGS = '.vscode/settings.json';

/** An open document of the editor (vscode-languageserver's TextDocument fits). */
export interface OpenDocument {
  readonly uri: string;
  getText(): string;
}

export interface WorkspaceRolesHost {
  /** The documents open in the editor: their text is used instead of the file's. Default: none. */
  readonly openDocuments?: () => Iterable<OpenDocument>;
  /** Told each problem of the setting once (per configure): a bad value, a missing file, a glob matching nothing. */
  readonly log?: (message: string) => void;
}

/**
 * How the role models reach files. A file is known by a key (`toFile`: a path on disk, or a URI on a virtual
 * file system); the key's form is the file system's business, the model only compares keys.
 */
export interface RoleFiles {
  /** The key of a document or folder URI (or of a path); undefined when this file system cannot read it. */
  toFile(uriOrPath: string): string | undefined;
  /** The URI of a key, for related locations in files that are not open. */
  toUri(file: string): string;
  /** A path relative to a folder (with `/`, maybe `..`) as a key. */
  resolve(folder: string, relative: string): string;
  /** The file relative to the folder, with `/`. */
  relative(folder: string, file: string): string;
  /** Whether the file is below the folder. */
  isInside(file: string, folder: string): boolean;
  /**
   * The file's text, or why there is none (`not found`, `a folder`, the file system's message). `workspace`: the
   * workspace folder the file must be in (a file system with symbolic links resolves them and refuses what
   * lands outside it, and reads only regular files of a bounded size).
   */
  readFile(file: string, workspace?: string): Promise<FileText> | FileText;
  /** The files under a folder (see LIST_FILES_REQUEST in the protocol): keys, sorted, at most `limit`; `workspace` as for readFile. */
  listFiles(folder: string, limit: number, workspace?: string): Promise<FileListing> | FileListing;
}

export type FileText = { readonly text: string; readonly error?: undefined } | { readonly text?: undefined; readonly error: string };

export interface FileListing {
  readonly files: readonly string[];
  /** The walk stopped at the limit: more files may exist. */
  readonly truncated: boolean;
}

/** One workspace folder and the value of `cognitoPool.roles` for it (as `workspace/configuration` returns it). */
export interface FolderRoles {
  /** The folder: a file URI or a path. */
  readonly folder: string;
  readonly roles: unknown;
  /**
   * Where the roles are written, relative to the folder (related locations point at it): default
   * `.vscode/settings.json`; a config file's name for the `roles` of `.cognito-pool-lint.json`.
   */
  readonly settingsFile?: string;
}

export interface RolesConfiguration {
  /** `cognitoPool.rules`: the severities of the rules across documents. */
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  /** `cognitoPool.maxDocumentSize`: larger files are left out of the model. */
  readonly maxDocumentChars?: number;
}

interface ResolvedFolder {
  readonly roles: readonly { readonly setting: RoleSetting; readonly trust?: string; readonly permissions: readonly string[] }[];
  /** Every file the folder's model reads, the settings file included. */
  readonly paths: ReadonlySet<string>;
  /** The folders walked for globs. */
  readonly bases: readonly string[];
  readonly problems: readonly string[];
}

interface BuiltFolder {
  /** The text each file had for this build (undefined: it could not be read). */
  readonly texts: ReadonlyMap<string, string | undefined>;
  readonly model: RoleSettingsModel;
  readonly findings: ReadonlyMap<string, readonly RoleFinding[]>;
}

interface FolderState {
  readonly folder: string;
  readonly settingsFile: string;
  readonly roles: readonly RoleSetting[];
  readonly settingProblems: readonly string[];
  resolved?: ResolvedFolder;
  built?: BuiltFolder;
}

/** What was read from the file system: glob folder listings and file texts. */
interface ReadFiles {
  readonly listings: Map<string, FileListing>;
  readonly texts: Map<string, FileText>;
}

export class WorkspaceRoles {
  private folders: FolderState[] = [];
  private configuration: RolesConfiguration = {};
  private read: ReadFiles = { listings: new Map(), texts: new Map() };
  private readonly logged = new Set<string>();
  private readonly paths = new Map<string, string | undefined>();
  /** The open documents by path, for the duration of one request. */
  private open: Map<string, OpenDocument> | undefined;
  /** configure and filesChanged, one after another: each starts from the state the previous one left. */
  private updates: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly files: RoleFiles,
    private readonly host: WorkspaceRolesHost = {},
  ) {}

  /**
   * Takes the setting of each folder (again after every settings change) and reads the files it names. Returns
   * every problem of the setting and its files (each is also told to `log`).
   */
  configure(folders: readonly FolderRoles[], configuration: RolesConfiguration = {}): Promise<string[]> {
    return this.update(async () => {
      const states: FolderState[] = [];
      for (const f of folders) {
        const folder = this.files.toFile(f.folder);
        if (folder === undefined) continue; // a folder this file system cannot read
        const { roles, problems } = readRoleSettings(f.roles);
        states.push({ folder, settingsFile: this.files.resolve(folder, f.settingsFile ?? FOLDER_SETTINGS), roles, settingProblems: problems });
      }
      const read: ReadFiles = { listings: new Map(), texts: new Map() };
      this.logged.clear();
      await this.readAll(states, read);
      this.configuration = configuration;
      this.folders = states;
      this.read = read;
      return this.withOpenDocuments(() => {
        for (const state of this.folders) this.built(state);
        return this.problems();
      });
    });
  }

  /** Every current problem of the setting and its files. */
  problems(): string[] {
    const out: string[] = [];
    for (const state of this.folders) {
      pushAll(pushAll(pushAll(out, state.settingProblems), state.resolved?.problems ?? []), state.built?.model.problems ?? []);
      for (const [file, text] of state.built?.texts ?? []) if (text === undefined && file !== state.settingsFile) out.push(this.readProblem(state, file));
    }
    return [...new Set(out)];
  }

  /** Whether the document is one of the files of a role model (or a folder's settings file): its edits can change other documents' findings. */
  contains(uri: string): boolean {
    const file = this.pathOf(uri);
    return file !== undefined && this.statesOf(file).length > 0;
  }

  /**
   * The identity-pool role to analyse a document as (AnalyzeOptions.identityPool): for a permission policy of a
   * role of the setting, guest when one of its roles is attached as unauthenticated, and so on
   * (identityPoolContextForRoles); undefined otherwise (the document decides).
   */
  identityPoolFor(uri: string): IdentityPoolContext | undefined {
    const file = this.pathOf(uri);
    const states = file === undefined ? [] : this.statesOf(file);
    if (file === undefined || states.length === 0) return undefined;
    return this.withOpenDocuments(() => {
      for (const state of states) {
        const built = this.built(state);
        const roles = built.model.permissionRoles.get(file);
        if (roles) return identityPoolContextForRoles(built.model.workspace, roles);
      }
      return undefined;
    });
  }

  /**
   * The findings of the rules across documents in this document, against its current text, in document order.
   * A related location in another file names it by URI (`RelatedLocation.document`; its range is offsets into
   * that file's text as {@link textOf} gives it); one at a setting written in no file is left out.
   */
  findingsFor(uri: string): Finding[] {
    const file = this.pathOf(uri);
    const states = file === undefined ? [] : this.statesOf(file);
    if (file === undefined || states.length === 0) return [];
    return this.withOpenDocuments(() => {
      const out: Finding[] = [];
      for (const state of states) {
        for (const { finding } of this.built(state).findings.get(file) ?? []) out.push(this.withUris(file, finding));
      }
      return out.sort((a, b) => a.range.start - b.range.start);
    });
  }

  /**
   * The text of a file as the role models last read it (the open document's or the file's), for the positions of
   * related locations in files that are not open; undefined when no model reads it.
   */
  textOf(uri: string): string | undefined {
    const file = this.pathOf(uri);
    if (file === undefined) return undefined;
    for (const state of this.folders) {
      const text = state.built?.texts.get(file);
      if (text !== undefined) return text;
    }
    return undefined;
  }

  /**
   * Files changed on disk (LSP `workspace/didChangeWatchedFiles`: type 1 created, 2 changed, 3 deleted). Returns
   * whether a role model may have changed, so that the open documents it `contains` are validated again.
   */
  filesChanged(changes: readonly { readonly uri: string; readonly type: number }[]): Promise<boolean> {
    return this.update(async () => {
      let affected = false;
      const read: ReadFiles = { listings: new Map(this.read.listings), texts: new Map(this.read.texts) };
      const stale = new Set<FolderState>();
      for (const change of changes) {
        const file = this.pathOf(change.uri);
        if (file === undefined) continue;
        read.texts.delete(file);
        if (this.folders.some((state) => state.resolved?.paths.has(file))) affected = true;
        if (change.type === 2) continue;
        // Created or deleted: the globs whose folder holds it may match another set of files.
        for (const base of [...read.listings.keys()]) {
          if (!this.files.isInside(file, base)) continue;
          read.listings.delete(base);
          for (const state of this.folders) {
            if (!state.resolved?.bases.includes(base)) continue;
            stale.add(state);
            affected = true;
          }
        }
      }
      const states = this.folders.map((state) => (stale.has(state) ? { ...state, resolved: undefined, built: undefined } : state));
      await this.readAll(states, read);
      this.folders = states;
      this.read = read;
      return affected;
    });
  }

  // -------------------------------------------------------------------------------------------

  private update<T>(run: () => Promise<T>): Promise<T> {
    const next = this.updates.then(run);
    this.updates = next.catch(() => undefined);
    return next;
  }

  /** Lists the glob folders and reads the files the states need that `read` does not have yet. */
  private async readAll(states: readonly FolderState[], read: ReadFiles): Promise<void> {
    for (const state of states) {
      if (state.resolved) continue;
      for (const setting of state.roles) {
        for (const pattern of setting.permissions) {
          const scan = picomatch.scan(pattern);
          if (!scan.isGlob) continue;
          const base = this.files.resolve(state.folder, scan.base);
          if (!read.listings.has(base)) read.listings.set(base, await this.files.listFiles(base, MAX_LISTED_FILES, state.folder));
        }
      }
    }
    for (const state of states) {
      for (const file of this.resolve(state, read).paths) {
        if (!read.texts.has(file)) read.texts.set(file, await this.files.readFile(file, state.folder));
      }
    }
  }

  /** The folders whose model reads the file. */
  private statesOf(file: string): FolderState[] {
    return this.folders.filter((state) => this.resolve(state).paths.has(file));
  }

  /** A URI as a path, remembered: the server asks for every open document on every change. */
  private pathOf(uri: string): string | undefined {
    if (this.paths.has(uri)) return this.paths.get(uri);
    if (this.paths.size >= MAX_REMEMBERED_URIS) this.paths.clear();
    const file = this.files.toFile(uri);
    this.paths.set(uri, file);
    return file;
  }

  private withOpenDocuments<T>(run: () => T): T {
    if (this.open) return run();
    this.open = new Map();
    try {
      for (const document of this.host.openDocuments?.() ?? []) {
        const file = this.pathOf(document.uri);
        if (file !== undefined) this.open.set(file, document);
      }
      return run();
    } finally {
      this.open = undefined;
    }
  }

  /** The folder's setting resolved to files: literal paths as they are, globs against the folder listings. */
  private resolve(state: FolderState, read: ReadFiles = this.read): ResolvedFolder {
    if (state.resolved) return state.resolved;
    const problems: string[] = [];
    const paths = new Set<string>(state.roles.length ? [state.settingsFile] : []);
    const bases: string[] = [];
    const roles = state.roles.map((setting) => {
      const trust = setting.trust === undefined ? undefined : this.files.resolve(state.folder, setting.trust);
      if (trust !== undefined) paths.add(trust);
      const permissions: string[] = [];
      for (const pattern of setting.permissions) {
        const scan = picomatch.scan(pattern);
        if (!scan.isGlob) {
          permissions.push(this.files.resolve(state.folder, pattern));
          continue;
        }
        const base = this.files.resolve(state.folder, scan.base);
        if (!bases.includes(base)) bases.push(base);
        const listing = read.listings.get(base) ?? { files: [], truncated: false }; // listed by readAll
        if (listing.truncated) {
          problems.push(
            `${ROLES_SETTING}: "${setting.name}": the files under ${base} were listed up to ${formatCount(MAX_LISTED_FILES)} only, so "${pattern}" may miss some: make the folder part of the glob more specific.`,
          );
        }
        const matches = globMatcher(scan.glob);
        if (typeof matches !== 'function') {
          problems.push(`${ROLES_SETTING}: "${setting.name}": "permissions" entry "${pattern}" ${matches.problem}.`);
          continue;
        }
        const matched = listing.files.filter((file) => matches(this.files.relative(base, file)));
        if (matched.length === 0) problems.push(`${ROLES_SETTING}: "${setting.name}": "permissions" entry "${pattern}" matches no file under ${base}.`);
        for (const file of matched) if (!permissions.includes(file)) permissions.push(file);
      }
      for (const file of permissions) paths.add(file);
      return { setting, trust, permissions };
    });
    state.resolved = { roles, paths, bases, problems };
    this.tell(problems);
    return state.resolved;
  }

  /** The folder's model, built again when the text of one of its files changed since. */
  private built(state: FolderState): BuiltFolder {
    const resolved = this.resolve(state);
    if (state.built && [...state.built.texts].every(([file, text]) => this.currentText(file) === text)) return state.built;
    const texts = new Map<string, string | undefined>();
    const read = (file: string): PolicyFile | undefined => {
      const text = this.currentText(file);
      texts.set(file, text);
      return text === undefined ? undefined : { id: file, name: this.files.relative(state.folder, file), text };
    };
    const roles: ResolvedRole[] = resolved.roles.map((r) => ({
      setting: r.setting,
      trust: r.trust === undefined ? undefined : read(r.trust),
      permissions: r.permissions.flatMap((file) => read(file) ?? []),
    }));
    const model = workspaceFromRoleSettings(roles, { id: state.settingsFile, text: roles.length ? read(state.settingsFile)?.text : undefined });
    const findings = new Map<string, RoleFinding[]>();
    for (const f of analyzeRoles(model.workspace, this.configuration.rules)) {
      const list = findings.get(f.document) ?? [];
      list.push(f);
      findings.set(f.document, list);
    }
    state.built = { texts, model, findings };
    this.tell(state.settingProblems);
    this.tell(model.problems);
    for (const [file, text] of texts) if (text === undefined && file !== state.settingsFile) this.tell([this.readProblem(state, file)]);
    return state.built;
  }

  /** A file's current text: the open document's, else the file's (cached until it changes); undefined when unreadable or too large. */
  private currentText(file: string): string | undefined {
    const open = this.open?.get(file);
    const text = open ? open.getText() : this.disk(file).text;
    return text !== undefined && text.length <= this.maxChars() ? text : undefined;
  }

  /** The file's text as configure or filesChanged read it (they read every file a model names). */
  private disk(file: string): FileText {
    return this.read.texts.get(file) ?? { error: 'not read' };
  }

  private maxChars(): number {
    return this.configuration.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS;
  }

  private readProblem(state: FolderState, file: string): string {
    const owners = state.resolved?.roles.filter((r) => r.trust === file || r.permissions.includes(file)).map((r) => `"${r.setting.name}"`) ?? [];
    const what = owners.length ? `${owners.join(', ')}: ` : '';
    const open = this.open?.get(file);
    const length = open ? open.getText().length : this.disk(file).text?.length;
    const why =
      length !== undefined
        ? `has ${formatCount(length)} characters, more than cognitoPool.maxDocumentSize (${formatCount(this.maxChars())})`
        : `cannot be read (${this.disk(file).error})`;
    return `${ROLES_SETTING}: ${what}${file} ${why}; left out.`;
  }

  private tell(problems: readonly string[]): void {
    for (const p of problems) {
      if (this.logged.has(p)) continue;
      this.logged.add(p);
      this.host.log?.(p);
    }
  }

  /** A finding with the related locations in other files named by URI; those at a setting written in no file left out. */
  private withUris(file: string, finding: Finding): Finding {
    if (!finding.related) return finding;
    const related: RelatedLocation[] = [];
    for (const r of finding.related) {
      if (r.document === undefined || r.document === file) related.push({ range: r.range, message: r.message });
      else if (r.document !== UNLOCATED_SETTING) related.push({ ...r, document: this.open?.get(r.document)?.uri ?? this.files.toUri(r.document) });
    }
    return { ...finding, related };
  }
}
