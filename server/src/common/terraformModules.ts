/**
 * The Terraform modules of the open .tf documents, for the language server: a module is the `.tf` files of one
 * folder, its template files (`.tpl`, `.tftpl`, marked `template`; also those of the folders under it, which a
 * template file in such a folder is analysed with) and the JSON files its .tf files name (`file("guest.json")`,
 * marked `policyFile`: namedJsonFiles; only those, not every .json under the folder), and a document is analysed
 * with the others (RunOptions.terraformModule) so that roles resolve across them. A .json document is analysed with
 * its module only when one of the module's .tf files (as read, or open with unsaved edits) names it; any other
 * stays a policy file alone. The files are read through the runtime's {@link RoleFiles} (the disk, or the client's
 * file system in the browser), which is asynchronous: a folder is read once when a document of it is first
 * analysed (and again when a document of it is opened, or a .tf file names a JSON file not read yet), and
 * `onLoaded` asks the server to analyse its documents again. The answer per document stays synchronous: the open
 * documents' text first (unsaved edits count), else the text read.
 */
import { MODULE_TEMPLATE_DEPTH, namedJsonFiles, type ModuleFileInput } from '../core';
import { MAX_LISTED_FILES, type OpenDocument, type RoleFiles } from './workspaceRoles';

export interface TerraformModulesHost {
  readonly openDocuments: () => Iterable<OpenDocument & { readonly version: number }>;
  /** A folder's files were read: its open documents' analyses may change. */
  readonly onLoaded: (isInFolder: (uri: string) => boolean) => void;
  /** The workspace folders' URIs: a JSON document's module is not looked for above the one it is in. */
  readonly workspaceFolders?: () => readonly string[];
  readonly log?: (message: string) => void;
}

interface Folder {
  /** The folder's .tf and template files and the JSON files its .tf files name, as read, by URI. */
  readonly texts: ReadonlyMap<string, string>;
  readonly generation: number;
}

/** A URI's path, lowercase, its query and fragment aside. */
function pathOf(uri: string): string {
  const end = [uri.indexOf('?'), uri.indexOf('#')].filter((i) => i >= 0);
  return (end.length ? uri.slice(0, Math.min(...end)) : uri).toLowerCase();
}

/** Whether a URI names a template file (`.tpl`, `.tftpl`: what `templatefile()` and `file()` read). */
function isTemplateUri(uri: string): boolean {
  const p = pathOf(uri);
  return p.endsWith('.tpl') || p.endsWith('.tftpl');
}

/** Whether a URI names a .tf file. */
function isTfUri(uri: string): boolean {
  return pathOf(uri).endsWith('.tf');
}

/** Whether a URI names a .json file (a module's when one of its .tf files names it). */
function isJsonUri(uri: string): boolean {
  return pathOf(uri).endsWith('.json');
}

/**
 * Whether a URI may name a file of a Terraform module: a .tf file, or a template or JSON file its attributes may
 * name (a JSON file is one when a .tf file names it: TerraformModules decides).
 */
export function isTerraformUri(uri: string): boolean {
  return isTfUri(uri) || isTemplateUri(uri) || isJsonUri(uri);
}

export class TerraformModules {
  private readonly folders = new Map<string, Folder>();
  private readonly loading = new Map<string, Promise<void>>();
  /** The JSON files a .tf file named that were neither read nor open when asked: each read for once (folder, name). */
  private readonly asked = new Set<string>();
  private generation = 0;

  constructor(
    private readonly files: RoleFiles,
    private readonly host: TerraformModulesHost,
  ) {}

  /**
   * The other files of a document's module, now: a .tf or template document's always, a JSON document's when a .tf
   * file of the module names it; undefined for other documents. Starts reading its folder once.
   */
  moduleOf(uri: string): ModuleFileInput[] | undefined {
    const folder = this.folderOf(uri);
    if (folder === undefined) return undefined;
    const read = this.folders.get(folder);
    if (!read) void this.load(folder);
    const named = this.namedIn(folder);
    const texts = new Map<string, string>();
    for (const [id, text] of read?.texts ?? []) if (!isJsonUri(id) || this.isNamed(id, folder, named)) texts.set(id, text);
    for (const d of this.host.openDocuments()) if (d.uri !== uri && this.isMember(d.uri, folder, named)) texts.set(d.uri, d.getText());
    // A named JSON file neither read nor open (a .tf file names a new one): the folder is read again, once per name.
    if (read) {
      for (const name of named) {
        const key = `${folder}\u0000${name}`;
        if (this.asked.has(key) || [...texts.keys(), uri].some((id) => isJsonUri(id) && this.relativeName(folder, id) === name)) continue;
        this.asked.add(key);
        void this.load(folder, true);
      }
    }
    texts.delete(uri);
    return [...texts]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, text]) => ({ id, text, ...(isTemplateUri(id) && { template: true }), ...(isJsonUri(id) && { policyFile: true }) }));
  }

  /**
   * What the module of a document is made of, as a cache key: its open documents' versions and the generation of
   * what was read. Equal keys: the same module texts.
   */
  keyOf(uri: string): string {
    const folder = this.folderOf(uri);
    if (folder === undefined) return '';
    const named = this.namedIn(folder);
    const open = [...this.host.openDocuments()].filter((d) => d.uri !== uri && this.isMember(d.uri, folder, named)).map((d) => `${d.uri}@${d.version}`);
    return `${this.folders.get(folder)?.generation ?? -1}|${open.sort().join('|')}`;
  }

  /** The text of a module file as read (for related locations in files that are not open). */
  textOf(uri: string): string | undefined {
    const folder = this.folderOf(uri);
    return folder === undefined ? undefined : this.folders.get(folder)?.texts.get(uri);
  }

  /**
   * Whether a change of document `b` may change the module of document `a`: both are files of one module, or `b` is
   * a .tf file and `a` a JSON file under its folder (an edit of the .tf file may name it, or stop naming it).
   */
  sameModule(a: string, b: string): boolean {
    const mayName = (tf: string, json: string) => {
      const folder = isTfUri(tf) && isJsonUri(json) ? this.folderOf(tf) : undefined;
      return folder !== undefined && this.relativeName(folder, json) !== undefined;
    };
    if (mayName(b, a)) return true;
    const folder = this.folderOf(a);
    return folder !== undefined && folder === this.folderOf(b);
  }

  /** Reads the folder of a document's module again (a document of it was opened: files may have changed on disk). */
  refresh(uri: string): Promise<void> {
    const folder = this.folderOf(uri);
    return folder === undefined ? Promise.resolve() : this.load(folder, true);
  }

  /**
   * The folder of a document's module: a .tf file's own; a template file's nearest folder (its own, or one of the
   * `MODULE_TEMPLATE_DEPTH` above it) that has .tf files, as far as the folders read so far tell (each one not read
   * yet starts reading, and the template's analysis follows once it is read); a JSON file's the same folder, when
   * one of its .tf files names it (undefined otherwise, and while it is not known yet).
   */
  private folderOf(uri: string): string | undefined {
    if (!isTerraformUri(uri)) return undefined;
    const file = this.files.toFile(uri);
    if (file === undefined) return undefined;
    const own = this.files.resolve(file, '..');
    if (isTfUri(uri)) return own;
    const json = isJsonUri(uri);
    // Only a policy-shaped JSON document (IAM's "Statement") is looked for in a module: package.json and its kind
    // never list a folder.
    if (json && !this.mayBePolicy(uri)) return undefined;
    const top = json ? this.workspaceFolderOf(file) : undefined;
    let folder = own;
    for (let i = 0; i <= MODULE_TEMPLATE_DEPTH; i++) {
      const read = this.folders.get(folder);
      if (!read) {
        void this.load(folder);
        return json ? undefined : own;
      }
      if ([...read.texts.keys()].some(isTfUri)) return !json || this.isNamed(uri, folder, this.namedIn(folder)) ? folder : undefined;
      const parent = this.files.resolve(folder, '..');
      if (parent === folder || folder === top) break;
      folder = parent;
    }
    return json ? undefined : own;
  }

  /** Whether an open JSON document's text names IAM's `"Statement"` (a closed one's text is not known here: it may). */
  private mayBePolicy(uri: string): boolean {
    for (const d of this.host.openDocuments()) if (d.uri === uri) return d.getText().includes('"Statement"');
    return true;
  }

  /** The workspace folder (a key) a file is in, if any: a JSON document's module is not looked for above it. */
  private workspaceFolderOf(file: string): string | undefined {
    for (const uri of this.host.workspaceFolders?.() ?? []) {
      const root = this.files.toFile(uri);
      if (root !== undefined && (root === file || this.files.isInside(file, root))) return root;
    }
    return undefined;
  }

  /** The names of the JSON files the module's .tf files name (namedJsonFiles): as read, or as open (unsaved edits). */
  private namedIn(folder: string): Set<string> {
    const texts = new Map<string, string>();
    for (const [id, text] of this.folders.get(folder)?.texts ?? []) if (isTfUri(id)) texts.set(id, text);
    for (const d of this.host.openDocuments()) {
      if (!isTfUri(d.uri)) continue;
      const file = this.files.toFile(d.uri);
      if (file !== undefined && this.files.resolve(file, '..') === folder) texts.set(d.uri, d.getText());
    }
    const names = new Set<string>();
    for (const [id, text] of texts) for (const name of this.namesIn(id, text)) names.add(name);
    return names;
  }

  /**
   * namedJsonFiles of a .tf text, kept per document while its text is the same string (every keystroke in a JSON
   * document asks each open module: scanning every .tf text again cost 21 ms a keystroke with 10 of 80 KB open).
   */
  private namesIn(id: string, text: string): readonly string[] {
    const kept = this.named.get(id);
    if (kept?.text === text) return kept.names;
    const names = namedJsonFiles(text);
    if (this.named.size >= NAMED_KEPT) this.named.clear();
    this.named.set(id, { text, names });
    return names;
  }

  private readonly named = new Map<string, { readonly text: string; readonly names: readonly string[] }>();

  /** A document's path relative to a module's folder (`policies/guest.json`); undefined when it is not under it. */
  private relativeName(folder: string, uri: string): string | undefined {
    const file = this.files.toFile(uri);
    return file !== undefined && this.files.isInside(file, folder) ? this.files.relative(folder, file) : undefined;
  }

  private isNamed(uri: string, folder: string, named: ReadonlySet<string>): boolean {
    const name = this.relativeName(folder, uri);
    return name !== undefined && named.has(name);
  }

  /** Whether an open document is a file of the module of `folder`: its .tf files, its templates, the JSON files they name. */
  private isMember(uri: string, folder: string, named: ReadonlySet<string>): boolean {
    if (isJsonUri(uri)) return this.isNamed(uri, folder, named);
    return isTerraformUri(uri) && this.folderOf(uri) === folder;
  }

  private load(folder: string, again = false): Promise<void> {
    const current = this.loading.get(folder);
    if (current && !again) return current;
    const next = (current ?? Promise.resolve()).then(async () => {
      try {
        const listing = await this.files.listFiles(folder, MAX_LISTED_FILES);
        const texts = new Map<string, string>();
        const jsonFiles = new Map<string, string>();
        for (const file of listing.files) {
          // The folder's .tf and template files, and the template files of the folders under it.
          const relative = this.files.relative(folder, file);
          const depth = relative.split('/').length - 1;
          if (isJsonUri(file)) {
            if (depth <= MODULE_TEMPLATE_DEPTH) jsonFiles.set(relative, file);
            continue;
          }
          if (!isTerraformUri(file) || (depth > 0 && (!isTemplateUri(file) || depth > MODULE_TEMPLATE_DEPTH))) continue;
          const read = await this.files.readFile(file);
          if (read.text !== undefined) texts.set(this.files.toUri(file), read.text);
        }
        // The JSON files the .tf files name, and no other (as read, and as open: unsaved edits may name a new one).
        const named = new Set([...texts].filter(([id]) => isTfUri(id)).flatMap(([id, text]) => this.namesIn(id, text)));
        for (const name of this.namedIn(folder)) named.add(name);
        for (const name of named) {
          const file = jsonFiles.get(name);
          const read = file === undefined ? undefined : await this.files.readFile(file);
          if (file !== undefined && read?.text !== undefined) texts.set(this.files.toUri(file), read.text);
        }
        this.folders.set(folder, { texts, generation: ++this.generation });
      } catch (error) {
        this.host.log?.(`Could not read the Terraform module ${folder}: ${(error as Error).message}`);
        this.folders.set(folder, { texts: new Map(), generation: ++this.generation });
      }
      this.host.onLoaded((uri) => this.folderOf(uri) === folder);
    });
    this.loading.set(folder, next);
    return next;
  }
}

/** How many .tf documents' named JSON files are kept (a workspace's modules; past it, they are scanned again). */
const NAMED_KEPT = 256;
