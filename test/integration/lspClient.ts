/**
 * A minimal LSP client over stdio for tests and benchmarks: spawns the bundled server
 * (dist/server.js) and speaks JSON-RPC with Content-Length framing.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { SERVER_EXEC_ARGV, serverEnv } from '../../client/src/node/serverProcess';

export const SERVER_PATH = path.resolve(__dirname, '../../../dist/server.js');

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    severity: number;
    code: string;
    codeDescription?: { href: string };
    source: string;
    message: string;
    relatedInformation?: unknown[];
  }[];
}

export class LspTestClient {
  readonly process: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private readonly diagnosticWaiters: { uri: string; resolve: (d: PublishedDiagnostics) => void }[] = [];
  readonly published: PublishedDiagnostics[] = [];
  readonly logs: string[] = [];
  /** Error responses to our requests, in order. */
  readonly responseErrors: { id: number; error: unknown }[] = [];
  /** The server's other notifications (its own methods), in order. */
  readonly notifications: { method: string; params: unknown }[] = [];
  /** What the server registered dynamically (client/registerCapability), in order. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** Answers to workspace/configuration requests. */
  configuration: unknown = {};
  /** While set, workspace/configuration is answered only once it resolves (settings that arrive late). */
  configurationGate?: Promise<unknown>;
  private readonly configurationWaiters: (() => void)[] = [];

  constructor(serverPath = SERVER_PATH, execArgv: readonly string[] = []) {
    // As the extension's client starts it (its flags and environment), then the test's own flags.
    this.process = spawn(process.execPath, [...SERVER_EXEC_ARGV, ...execArgv, serverPath, '--stdio'], { stdio: 'pipe', env: serverEnv(process.env) });
    this.process.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.onMessage(JSON.parse(body));
    }
  }

  private onMessage(message: { id?: number; method?: string; params?: unknown; result?: unknown; error?: unknown }): void {
    if (message.method === 'textDocument/publishDiagnostics') {
      const params = message.params as PublishedDiagnostics;
      this.published.push(params);
      const i = this.diagnosticWaiters.findIndex((w) => w.uri === params.uri);
      if (i >= 0) this.diagnosticWaiters.splice(i, 1)[0].resolve(params);
    } else if (message.method === 'window/logMessage') {
      this.logs.push((message.params as { message: string }).message);
    } else if (message.method === 'workspace/configuration' && message.id !== undefined) {
      const items = (message.params as { items: unknown[] }).items;
      const id = message.id;
      const answer = () => {
        this.send({ jsonrpc: '2.0', id, result: items.map(() => this.configuration) });
        this.configurationWaiters.splice(0).forEach((resolve) => resolve());
      };
      if (this.configurationGate) void this.configurationGate.then(answer);
      else answer();
    } else if (message.method === 'client/registerCapability' && message.id !== undefined) {
      this.registrations.push(...(message.params as { registrations: { method: string; registerOptions?: unknown }[] }).registrations);
      this.send({ jsonrpc: '2.0', id: message.id, result: null });
    } else if (message.id === undefined && message.method) {
      this.notifications.push({ method: message.method, params: message.params });
    } else if (message.id !== undefined && message.method) {
      this.send({ jsonrpc: '2.0', id: message.id, result: null }); // client/registerCapability and friends
    } else if (message.id !== undefined) {
      if (message.error !== undefined) this.responseErrors.push({ id: message.id, error: message.error });
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    }
  }

  private send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.process.stdin.write(body);
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.pending.set(id, resolve as (r: unknown) => void);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  async initialize(
    capabilities: unknown = { workspace: { configuration: true } },
    workspaceFolders: { uri: string; name: string }[] | null = null,
    initializationOptions?: unknown,
  ): Promise<unknown> {
    const result = await this.request('initialize', { processId: process.pid, rootUri: null, capabilities, workspaceFolders, initializationOptions });
    this.notify('initialized', {});
    return result;
  }

  /**
   * Resolves once the next workspace/configuration request is answered (registered before the trigger): the
   * server reads the answer before any message sent after it, so documents opened then see the settings.
   */
  nextConfigurationAnswer(): Promise<void> {
    return new Promise((resolve) => this.configurationWaiters.push(resolve));
  }

  /** Resolves with the next publishDiagnostics for the uri (registered before the trigger is sent). */
  nextDiagnostics(uri: string, timeoutMs = 10_000): Promise<PublishedDiagnostics> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.diagnosticWaiters.push({ uri, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }

  open(uri: string, text: string, languageId = 'json', version = 1): Promise<PublishedDiagnostics> {
    const next = this.nextDiagnostics(uri);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return next;
  }

  change(uri: string, version: number, text: string): Promise<PublishedDiagnostics> {
    const next = this.nextDiagnostics(uri);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return next;
  }

  async shutdown(): Promise<void> {
    await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
    this.notify('exit', null);
    await new Promise((r) => setTimeout(r, 50));
    if (this.process.exitCode === null) this.process.kill();
  }
}
