/**
 * The HCL parser of the language server, loaded on first need: most sessions never open a Terraform file, and
 * the parser is WebAssembly that costs start-up time and memory (issue 15). The first Terraform document asks for
 * it; until the load settles such documents wait (they are not analysed, so nothing wrong is published), and once
 * it settles `onSettled` has the server analyse them: with the parser, or, when it could not be loaded (logged
 * once), without one, so they get no findings.
 */
import type { HclParser } from '../core';

export interface LazyHclParserHost {
  /** The host's loader (ServerRuntime.hclParserLoader); called at most once. */
  readonly load: () => Promise<HclParser>;
  /** The load settled (ready or failed): the documents that waited are analysed again. */
  readonly onSettled: () => void;
  readonly info: (message: string) => void;
  readonly error: (message: string) => void;
}

export class LazyHclParser {
  private state: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  private parser: HclParser | undefined;

  constructor(private readonly host: LazyHclParserHost) {}

  /** The parser when it is loaded, else undefined; never starts a load (documents that need none ask nothing). */
  get loaded(): HclParser | undefined {
    return this.parser;
  }

  /** Whether a document that needs the parser must wait for it now; the first call starts the load. */
  pending(): boolean {
    if (this.state === 'idle') this.start();
    return this.state === 'loading';
  }

  private start(): void {
    this.state = 'loading';
    const started = Date.now();
    let loading: Promise<HclParser>;
    try {
      loading = this.host.load();
    } catch (error) {
      loading = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    loading
      .then(
        (parser) => {
          this.parser = parser;
          this.state = 'ready';
          this.host.info(`HCL parser loaded in ${Date.now() - started} ms (a Terraform document needed it).`);
        },
        (error: unknown) => {
          this.state = 'failed';
          this.host.error(`The HCL parser could not be loaded, so Terraform files are not analysed: ${error instanceof Error ? error.message : String(error)}`);
        },
      )
      .then(() => this.host.onSettled())
      .catch((error: unknown) => this.host.error(`After loading the HCL parser: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  }
}
