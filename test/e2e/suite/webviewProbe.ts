/**
 * Reading and driving a webview from a test in the extension host. A webview's DOM lives in the workbench's
 * browser page, out of the extension host's reach; the code-server runner (scripts/vscode/code-server-cli.mjs)
 * drives that page with Playwright and answers `[[webview:...]]` requests logged by the test (see its header).
 * On a desktop VS Code there is no such runner: probeAvailable() is false and the tests that need it skip.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export type WebviewStep =
  | { readonly op: 'eval'; readonly expression: string }
  | { readonly op: 'fill'; readonly selector: string; readonly value: string }
  | { readonly op: 'click' | 'focus' | 'text'; readonly selector: string }
  | { readonly op: 'press'; readonly key: string };

/** What a test does in the workbench page itself (inWorkbench): keys as a person types them, and the suggestion list. */
export type WorkbenchStep =
  | { readonly op: 'press'; readonly key: string }
  | { readonly op: 'type'; readonly text: string; readonly delayMs?: number }
  | { readonly op: 'suggestion'; readonly label: string; readonly timeoutMs?: number }
  | { readonly op: 'wait'; readonly ms: number }
  | { readonly op: 'copy'; readonly text: string };

export function probeAvailable(): boolean {
  return process.env.COGNITO_POOL_WEBVIEW_PROBE === '1';
}

let requests = 0;

/** Runs the steps in the webview whose document has `frame` (a CSS selector); resolves with each step's result. */
export async function inWebview(steps: readonly WebviewStep[], frame = '#flow-root', timeoutMs = 40_000): Promise<unknown[]> {
  const reply = path.join(os.tmpdir(), `cognito-pool-webview-${process.pid}-${++requests}.json`);
  fs.rmSync(reply, { force: true });
  console.log(`[[webview:${Buffer.from(JSON.stringify({ reply, frame, steps, timeoutMs: timeoutMs / 2 })).toString('base64')}]]`);
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(reply)) {
    if (Date.now() > deadline) throw new Error(`the runner did not answer the webview request within ${timeoutMs} ms: ${JSON.stringify(steps)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const answer = JSON.parse(fs.readFileSync(reply, 'utf8')) as { ok: boolean; results: unknown[]; error?: string };
  fs.rmSync(reply, { force: true });
  if (!answer.ok) throw new Error(`webview request failed: ${answer.error}`);
  return answer.results;
}

/**
 * Runs the steps in the workbench page (keyboard, suggestion list); resolves with each step's result (a
 * `suggestion` step: the labels of the list it found).
 */
export function inWorkbench(steps: readonly WorkbenchStep[], timeoutMs = 60_000): Promise<unknown[]> {
  return inWebview(steps as unknown as readonly WebviewStep[], ':workbench', timeoutMs);
}

/** Evaluates one expression in the webview. */
export async function evalInWebview<T>(expression: string): Promise<T> {
  const [result] = await inWebview([{ op: 'eval', expression }]);
  return result as T;
}

/** Re-evaluates `expression` in the webview until `accept` takes its value (the panel redraws asynchronously). */
export async function waitInWebview<T>(what: string, expression: string, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await evalInWebview<T>(expression);
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
