/**
 * The Terraform modules of the open .tf documents, for the language server: a module is the `.tf` files of one
 * folder and its template files (`.tpl`, `.tftpl`, marked `template`; also those of the folders under it, which a
 * template file in such a folder is analysed with), and a document is analysed with the others (RunOptions.terraformModule) so that roles resolve across
 * them. The files are read through the runtime's {@link RoleFiles} (the disk, or the client's file system in the
 * browser), which is asynchronous: a folder is read once when a document of it is first analysed (and again
 * when a .tf document of it is opened), and `onLoaded` asks the server to analyse its documents again. The answer
 * per document stays synchronous: the open documents' text first (unsaved edits count), else the text read.
 */
import { MODULE_TEMPLATE_DEPTH, type ModuleFileInput } from '../core';
import { MAX_LISTED_FILES, type OpenDocument, type RoleFiles } from './workspaceRoles';

export interface TerraformModulesHost {
  readonly openDocuments: () => Iterable<OpenDocument & { readonly version: number }>;
  /** A folder's files were read: its open documents' analyses may change. */
  readonly onLoaded: (isInFolder: (uri: string) => boolean) => void;
  readonly log?: (message: string) => void;
}

interface Folder {
  /** The folder's .tf files as read, by URI. */
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

/** Whether a URI names a file of a Terraform module: a .tf file, or a template file its attributes may name. */
export function isTerraformUri(uri: string): boolean {
  return pathOf(uri).endsWith('.tf') || isTemplateUri(uri);
}

export class TerraformModules {
  private readonly folders = new Map<string, Folder>();
  private readonly loading = new Map<string, Promise<void>>();
  private generation = 0;

  constructor(
    private readonly files: RoleFiles,
    private readonly host: TerraformModulesHost,
  ) {}

  /** The other files of a .tf document's module, now; undefined for other documents. Starts reading its folder once. */
  moduleOf(uri: string): ModuleFileInput[] | undefined {
    const folder = this.folderOf(uri);
    if (folder === undefined) return undefined;
    const read = this.folders.get(folder);
    if (!read) void this.load(folder);
    const texts = new Map(read?.texts);
    for (const d of this.host.openDocuments()) if (d.uri !== uri && this.folderOf(d.uri) === folder) texts.set(d.uri, d.getText());
    texts.delete(uri);
    return [...texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, text]) => ({ id, text, ...(isTemplateUri(id) && { template: true }) }));
  }

  /**
   * What the module of a document is made of, as a cache key: its open documents' versions and the generation of
   * what was read. Equal keys: the same module texts.
   */
  keyOf(uri: string): string {
    const folder = this.folderOf(uri);
    if (folder === undefined) return '';
    const open = [...this.host.openDocuments()].filter((d) => d.uri !== uri && this.folderOf(d.uri) === folder).map((d) => `${d.uri}@${d.version}`);
    return `${this.folders.get(folder)?.generation ?? -1}|${open.sort().join('|')}`;
  }

  /** The text of a module file as read (for related locations in files that are not open). */
  textOf(uri: string): string | undefined {
    const folder = this.folderOf(uri);
    return folder === undefined ? undefined : this.folders.get(folder)?.texts.get(uri);
  }

  /** Whether two documents are .tf files of one folder. */
  sameModule(a: string, b: string): boolean {
    const folder = this.folderOf(a);
    return folder !== undefined && folder === this.folderOf(b);
  }

  /** Reads the folder of a .tf document again (a document of it was opened: files may have changed on disk). */
  refresh(uri: string): Promise<void> {
    const folder = this.folderOf(uri);
    return folder === undefined ? Promise.resolve() : this.load(folder, true);
  }

  /**
   * The folder of a document's module: a .tf file's own; a template file's nearest folder (its own, or one of the
   * `MODULE_TEMPLATE_DEPTH` above it) that has .tf files, as far as the folders read so far tell (each one not read
   * yet starts reading, and the template's analysis follows once it is read).
   */
  private folderOf(uri: string): string | undefined {
    if (!isTerraformUri(uri)) return undefined;
    const file = this.files.toFile(uri);
    if (file === undefined) return undefined;
    const own = this.files.resolve(file, '..');
    if (!isTemplateUri(uri)) return own;
    let folder = own;
    for (let i = 0; i <= MODULE_TEMPLATE_DEPTH; i++) {
      const read = this.folders.get(folder);
      if (!read) {
        void this.load(folder);
        return own;
      }
      if ([...read.texts.keys()].some(isTfUri)) return folder;
      const parent = this.files.resolve(folder, '..');
      if (parent === folder) break;
      folder = parent;
    }
    return own;
  }

  private load(folder: string, again = false): Promise<void> {
    const current = this.loading.get(folder);
    if (current && !again) return current;
    const next = (current ?? Promise.resolve()).then(async () => {
      try {
        const listing = await this.files.listFiles(folder, MAX_LISTED_FILES);
        const texts = new Map<string, string>();
        for (const file of listing.files) {
          // The folder's .tf and template files, and the template files of the folders under it.
          const depth = this.files.relative(folder, file).split('/').length - 1;
          if (!isTerraformUri(file) || (depth > 0 && (!isTemplateUri(file) || depth > MODULE_TEMPLATE_DEPTH))) continue;
          const read = await this.files.readFile(file);
          if (read.text !== undefined) texts.set(this.files.toUri(file), read.text);
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
