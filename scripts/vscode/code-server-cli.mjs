#!/usr/bin/env node
// A stand-in for the `code` executable that @vscode/test-electron's runTests() launches
// (`vscodeExecutablePath`), for machines with no desktop: it runs the extension tests in a real
// VS Code 1.139 (code-server, Node extension host) shown in headless Debian chromium.
//
//   scripts/vscode/code-server-cli [--extensionDevelopmentPath=DIR] [--extensionTestsPath=FILE]
//       [--extensions-dir=DIR] [--user-data-dir=DIR (ignored: always fresh)] [FOLDER | FILE.code-workspace]
//
// Unknown VS Code flags (--no-sandbox, --disable-gpu-sandbox, --skip-welcome, ...) are ignored.
// Exit code: the one the tests report (window.codeAutomationExit), 1 on timeout or any failure.
//
// Environment:
//   COGNITO_POOL_* variables   passed to the extension host as the payload's extensionEnvironment
//                              (runTests passes extensionTestsEnv as this process's environment)
//   COGNITO_POOL_E2E_TIMEOUT   overall time limit in seconds (default 300)
//   COGNITO_POOL_SCREENSHOT    enables screenshots on request: a folder, or a .png file whose folder
//                              is used ('off' or unset: none; the extension host gets the absolute
//                              folder or nothing). A test logs `[[screenshot:NAME]]`; the runner saves
//                              <folder>/NAME.png (written to a temp name, then renamed) and logs
//                              `[screenshot] saved <file>`. The test polls for the file.
//   COGNITO_POOL_WEBVIEW_PROBE     set to 1 by this runner for the extension host: tests may ask it to act on
//                              a webview. A test logs `[[webview:BASE64]]` where BASE64 is the JSON
//                              {"reply": "/abs/file.json", "frame": "CSS selector", "steps": [...]}; the runner
//                              finds the frame whose document has the selector (webviews are nested iframes),
//                              runs the steps with Playwright and writes {"ok", "results", "error"?} to reply
//                              (temp name, then renamed). Steps: {"op": "eval", "expression"} (in the frame),
//                              {"op": "fill"|"click"|"focus", "selector", "value"?} (locators pierce shadow DOM),
//                              {"op": "press", "key"} (keyboard of the page, to the focused element),
//                              {"op": "text", "selector"} (textContent of every match). The frame ":workbench"
//                              is the workbench page itself, where a test types as a person does: {"op": "type",
//                              "text", "delayMs"?} (key by key), {"op": "suggestion", "label"} (waits until the
//                              suggestion list is open with that item selected; answers the list's labels),
//                              {"op": "wait", "ms"},
//                              {"op": "copy", "text"} (onto the browser's clipboard, as copying from a web page).
//   COGNITO_POOL_USER_SETTINGS  a JSON object merged into the fresh user settings, e.g.
//                              {"remote.extensionKind": {"<publisher>.<name>": ["web"]}} to run an extension that
//                              has `main` and `browser` in the web worker extension host
//   COGNITO_POOL_TEST_RESULTS  where a suite that cannot write files (one in the web worker extension host)
//                              has its results written: it logs `[[results:BASE64]]` (the results file's JSON,
//                              UTF-8, base64) and the runner writes it there (temp name, then renamed)
//   COGNITO_POOL_E2E_VERBOSE=1 also print code-server's log and the browser console
//   COGNITO_POOL_E2E_KEEP=1    keep the per-run folder (logs, user data) for inspection
//
// Without extensionTestsPath it just opens the workbench and waits (useful with VERBOSE to debug).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import { setupVSCode } from './setup.mjs';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const VIEWPORT = { width: 1400, height: 900 };
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  // VS Code in a browser saves after every pause in typing (desktop VS Code: off); `npm start` opens the repository's
  // own examples, which a person trying the extension would otherwise rewrite on disk while typing.
  'files.autoSave': 'off',
};
/** Workbench log lines of code-server 4.139 that say nothing about the tests (shown with COGNITO_POOL_E2E_VERBOSE=1). */
const WORKBENCH_NOISE = [
  /^\[(AgentHost[^\]]*|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)\]/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /ENOTFOUND|ERR_NAME_NOT_RESOLVED|getaddrinfo EAI_AGAIN/,
  /Timed out waiting for authentication provider/,
];
const SCREENSHOT_REQUEST = /\[\[screenshot:([A-Za-z0-9._-]+)\]\]/g;
const WEBVIEW_REQUEST = /\[\[webview:([A-Za-z0-9+/=]+)\]\]/g;
const RESULTS_REPORT = /\[\[results:([A-Za-z0-9+/=]+)\]\]/g;
const ENV_PREFIX = 'COGNITO_POOL_';

const timeoutSeconds = Number(process.env.COGNITO_POOL_E2E_TIMEOUT || 300);
const verbose = process.env.COGNITO_POOL_E2E_VERBOSE === '1';
const keepRunDir = process.env.COGNITO_POOL_E2E_KEEP === '1';

function say(message) {
  process.stderr.write(`[code-server-cli] ${message}\n`);
}

/** Parses the VS Code CLI arguments that runTests passes; ignores the ones that do not apply. */
export function parseArgs(argv) {
  const options = { extensionDevelopmentPaths: [], extensionTestsPath: undefined, extensionsDir: undefined, target: undefined };
  const valueFlags = new Set([
    'extensionDevelopmentPath',
    'extensionTestsPath',
    'extensions-dir',
    'user-data-dir',
    'locale',
    'log',
    'profile',
    'inspect-extensions',
    'inspect-brk-extensions',
    'crash-reporter-directory',
  ]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      let [name, value] = arg.slice(2).split(/=(.*)/s, 2);
      if (value === undefined && valueFlags.has(name) && i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
      if (name === 'extensionDevelopmentPath' && value) options.extensionDevelopmentPaths.push(path.resolve(value));
      else if (name === 'extensionTestsPath' && value) options.extensionTestsPath = path.resolve(value);
      else if (name === 'extensions-dir' && value) options.extensionsDir = path.resolve(value);
      // everything else (--user-data-dir: always fresh, --disable-extensions: a fresh extensions dir has none, ...) is ignored
    } else if (!arg.startsWith('-')) {
      options.target = path.resolve(arg);
    }
  }
  return options;
}

/**
 * The screenshot folder, or undefined when off. Also normalises the variable in this process's environment
 * (an absolute folder, or unset), which code-server and its extension host inherit.
 */
function screenshotDir() {
  const value = process.env.COGNITO_POOL_SCREENSHOT;
  if (!value || value === 'off' || value === '0') {
    delete process.env.COGNITO_POOL_SCREENSHOT;
    return undefined;
  }
  const resolved = path.resolve(value);
  const dir = resolved.endsWith('.png') ? path.dirname(resolved) : resolved;
  process.env.COGNITO_POOL_SCREENSHOT = dir;
  return dir;
}

function extensionEnvironment() {
  screenshotDir();
  process.env.COGNITO_POOL_WEBVIEW_PROBE = '1'; // this runner answers [[webview:...]] requests
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith(ENV_PREFIX) && value !== undefined) env[key] = value;
  }
  return env;
}

/** COGNITO_POOL_USER_SETTINGS (see the header), or none. */
function extraUserSettings() {
  const value = process.env.COGNITO_POOL_USER_SETTINGS;
  if (!value) return {};
  const parsed = JSON.parse(value);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('COGNITO_POOL_USER_SETTINGS must be a JSON object');
  return parsed;
}

/** Writes a suite's `[[results:BASE64]]` report to COGNITO_POOL_TEST_RESULTS. */
function writeResultsReport(encoded) {
  const file = process.env.COGNITO_POOL_TEST_RESULTS;
  if (!file) {
    say('[results] reported, but COGNITO_POOL_TEST_RESULTS is not set: ignored');
    return;
  }
  try {
    const results = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial-${process.pid}`;
    fs.writeFileSync(partial, JSON.stringify(results, null, 2) + '\n');
    fs.renameSync(partial, file);
  } catch (error) {
    say(`[results] could not write ${file}: ${error.message}`);
  }
}

/** Everything started by this run, stopped by cleanup() whatever happens. */
const run = { server: undefined, browser: undefined, runDir: undefined, cleanedUp: false, stopping: undefined };

function killServerGroup(signal) {
  run.server?.stop(signal);
}

let cleaning;
/** Stops chromium and the code-server group, removes the run folder; every caller gets the same promise. */
function cleanup() {
  cleaning ??= stopEverything();
  return cleaning;
}

async function stopEverything() {
  if (run.browser) {
    await Promise.race([run.browser.close().catch(() => {}), delay(5000)]);
  }
  if (run.server) {
    killServerGroup('SIGTERM');
    await waitForGroupExit(run.server.process.pid, 3000);
    killServerGroup('SIGKILL'); // children (file watcher, pty host, extension host) may outlive the main process
    await waitForGroupExit(run.server.process.pid, 2000);
  }
  if (run.runDir && keepRunDir) {
    say(`kept ${run.runDir}`);
  } else if (run.runDir) {
    try {
      fs.rmSync(run.runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (error) {
      say(`could not remove ${run.runDir}: ${error.message}`);
    }
  }
  run.cleanedUp = true;
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForGroupExit(pid, ms) {
  const deadline = Date.now() + ms;
  while (groupAlive(pid) && Date.now() < deadline) await delay(100);
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts code-server detached (its own process group, so stopping it kills every child: file watcher,
 * pty host, extension host) on 127.0.0.1, with fresh user data, config, TMPDIR and XDG dirs under runDir.
 * port 0 lets the kernel pick a free port (code-server logs the one it got).
 * Resolves once /healthz answers, with { port, process, logFile, stop(signal) }.
 */
export async function launchCodeServer({ paths, runDir, extensionsDir, port = 0, extraArgs = [], target, onOutput, onSpawn, removeRunDirIfOrphaned = false }) {
  const dirs = {};
  for (const name of ['user-data', 'extensions', 'tmp', 'xdg-config', 'xdg-data', 'xdg-cache', 'xdg-state', 'xdg-runtime']) {
    dirs[name] = path.join(runDir, name);
    fs.mkdirSync(dirs[name], { recursive: true, mode: 0o700 });
  }
  // Quiet, offline-friendly user settings (code-server keeps them on the server side).
  const settings = path.join(dirs['user-data'], 'User', 'settings.json');
  if (!fs.existsSync(settings)) {
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ ...USER_SETTINGS, ...extraUserSettings() }, null, 2) + '\n');
  }
  const config = path.join(runDir, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  extensionsDir ??= dirs.extensions;
  fs.mkdirSync(extensionsDir, { recursive: true });
  const args = [
    paths.codeServerEntry,
    '--config',
    config,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    dirs['user-data'],
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...extraArgs,
    ...(target ? [target] : []),
  ];
  const env = {
    ...process.env,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs['xdg-config'],
    XDG_DATA_HOME: dirs['xdg-data'],
    XDG_CACHE_HOME: dirs['xdg-cache'],
    XDG_STATE_HOME: dirs['xdg-state'],
    XDG_RUNTIME_DIR: dirs['xdg-runtime'],
  };
  delete env.VSCODE_IPC_HOOK_CLI; // never talk to a VS Code this might be running inside
  const logFile = path.join(runDir, 'code-server.log');
  const log = fs.createWriteStream(logFile);
  const child = spawn(paths.node, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = (signal = 'SIGKILL') => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  onSpawn?.({ process: child, stop });
  child.on('exit', () => log.end());
  startWatchdog(child.pid, removeRunDirIfOrphaned ? runDir : '');

  const actualPort = await new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${tail(logFile, 30)}`)), 60_000);
    const onData = (chunk) => {
      if (!log.writableEnded) log.write(chunk);
      onOutput?.(chunk);
      buffered += chunk.toString();
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        buffered = '';
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      setTimeout(() => reject(new Error(`code-server exited (${code ?? signal}) before it was ready:\n${tail(logFile, 30)}`)), 100);
    });
  }).catch((error) => {
    stop();
    throw error;
  });
  try {
    await waitForHealth(actualPort);
  } catch (error) {
    stop();
    throw error;
  }
  return { port: actualPort, process: child, logFile, stop };
}

/**
 * If this process is killed outright (SIGKILL: no handler runs), a tiny detached watchdog still stops
 * the code-server process group. It exits by itself once the group is gone.
 */
function startWatchdog(group, runDir) {
  const code = `
    const [parent, group] = process.argv.slice(1, 3).map(Number);
    const runDir = process.argv[3];
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const timer = setInterval(() => {
      if (!alive(-group)) process.exit(0);
      if (!alive(parent)) {
        clearInterval(timer);
        try { process.kill(-group, 'SIGKILL'); } catch {}
        setTimeout(() => { try { if (runDir) require('fs').rmSync(runDir, { recursive: true, force: true, maxRetries: 5 }); } catch {} process.exit(0); }, 1000);
      }
    }, 1000);`;
  const watchdog = spawn(process.execPath, ['-e', code, String(process.pid), String(group), runDir], { detached: true, stdio: 'ignore' });
  watchdog.unref();
}

async function waitForHealth(port) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      /* not yet */
    }
    await delay(200);
  }
  throw new Error(`code-server on port ${port} did not answer /healthz`);
}

export function workbenchUrl(port, options, env) {
  const remote = (file) => `vscode-remote://127.0.0.1:${port}${file.split(path.sep).join('/')}`;
  const payload = [];
  for (const dev of options.extensionDevelopmentPaths) payload.push(['extensionDevelopmentPath', remote(dev)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  if (Object.keys(env).length > 0) payload.push(['extensionEnvironment', JSON.stringify(env)]);
  payload.push(['skipWelcome', 'true']);
  const query = new URLSearchParams();
  if (options.target) {
    const isWorkspaceFile = options.target.endsWith('.code-workspace') && fs.statSync(options.target, { throwIfNoEntry: false })?.isFile();
    query.set(isWorkspaceFile ? 'workspace' : 'folder', options.target);
  } else {
    query.set('ew', 'true'); // empty window
  }
  query.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${query.toString()}`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const paths = setupVSCode({ needChromium: true });
  run.runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pool-code-server-'));
  const shots = screenshotDir(); // before code-server starts: it passes its environment on to the extension host

  run.server = await launchCodeServer({
    onSpawn: (handle) => (run.server = handle), // so that a signal during start-up stops it too
    removeRunDirIfOrphaned: !keepRunDir,
    paths,
    runDir: run.runDir,
    extensionsDir: options.extensionsDir,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'], // without it the workbench ignores the test payload
    onOutput: verbose ? (chunk) => process.stderr.write(`[code-server] ${chunk}`) : undefined,
  });
  const port = run.server.port;
  say(`code-server ${paths.codeServerVersion} on http://127.0.0.1:${port} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  const { chromium } = await import('playwright-core');
  run.browser = await chromium.launch({
    executablePath: paths.chromium,
    headless: true,
    args: CHROMIUM_FLAGS,
    // this script handles signals itself (cleanup() closes the browser and code-server)
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  // A fresh profile; the clipboard as a person's browser has it (Ctrl+V in a test pastes what the test copied).
  const context = await run.browser.newContext({ viewport: VIEWPORT, permissions: ['clipboard-read', 'clipboard-write'] });
  // Nothing leaves this machine: only the local code-server is reachable from the page.
  await context.route(
    (url) => (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== '127.0.0.1',
    (route) => route.abort('blockedbyclient'),
  );
  const page = await context.newPage();

  let screenshotQueue = Promise.resolve();
  const takeScreenshot = (name) => {
    screenshotQueue = screenshotQueue.then(async () => {
      if (!shots) {
        say(`screenshot "${name}" requested but COGNITO_POOL_SCREENSHOT is not set: skipped`);
        return;
      }
      fs.mkdirSync(shots, { recursive: true });
      const file = path.join(shots, `${name}.png`);
      const partial = `${file}.partial-${process.pid}`;
      try {
        await page.screenshot({ path: partial, type: 'png' });
        fs.renameSync(partial, file); // atomic: a test polling for the file never sees half of it
        say(`[screenshot] saved ${file}`);
      } catch (error) {
        say(`[screenshot] failed for "${name}": ${error.message}`);
      }
    });
  };

  // Webview requests run one after another, in the order the tests log them.
  let probeQueue = Promise.resolve();
  const probeWebview = (encoded) => {
    probeQueue = probeQueue.then(() => runWebviewRequest(page, encoded));
  };

  let settle;
  const exitCode = new Promise((resolve, reject) => {
    let settled = false;
    settle = (code, error) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(code);
    };
  });
  exitCode.catch(() => {}); // handled where it is awaited; may settle before that
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    // the extension host's console arguments, unformatted (mocha's reporter logs '%s%s', ...)
    const text = Array.isArray(args) ? format(...args) : String(args);
    for (const match of text.matchAll(SCREENSHOT_REQUEST)) takeScreenshot(match[1]);
    for (const match of text.matchAll(WEBVIEW_REQUEST)) probeWebview(match[1]);
    for (const match of text.matchAll(RESULTS_REPORT)) writeResultsReport(match[1]);
    if (!verbose && text.replace(WEBVIEW_REQUEST, '').replace(RESULTS_REPORT, '').trim() === '' && text.trim() !== '') return; // a request, not output
    if (!verbose && WORKBENCH_NOISE.some((pattern) => pattern.test(text))) return;
    (level === 'error' ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : `${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code) || 0));
  page.on('pageerror', (error) => verbose && say(`page error: ${error.message}`));
  page.on('console', (message) => verbose && say(`browser ${message.type()}: ${message.text()}`));
  page.on('crash', () => settle(undefined, new Error('the workbench page crashed')));
  run.server.process.on('exit', (code, signal) => settle(undefined, new Error(`code-server exited (${code ?? signal}) during the run`)));

  const url = workbenchUrl(port, options, extensionEnvironment());
  if (verbose) say(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  say(
    `workbench loading${options.extensionTestsPath ? `, running ${path.relative(process.cwd(), options.extensionTestsPath) || options.extensionTestsPath}` : ''}`,
  );

  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `TIMEOUT: the tests did not finish within ${timeoutSeconds} s (set COGNITO_POOL_E2E_TIMEOUT to change). code-server log:\n${tail(path.join(run.runDir, 'code-server.log'), 30)}`,
          ),
        ),
      timeoutSeconds * 1000,
    );
  });
  try {
    const code = await Promise.race([exitCode, timeout]);
    await screenshotQueue;
    await probeQueue;
    say(`tests finished with exit code ${code} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return code;
  } finally {
    clearTimeout(timer);
  }
}

/* global document -- the functions given to frame.evaluate run in the page */
/** The first frame (webviews are iframes in iframes) whose document has an element matching `selector`. */
async function findFrame(page, selector, timeoutMs) {
  if (selector === ':workbench') return page.mainFrame();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const found = await frame.evaluate((s) => document.querySelector(s) !== null, selector).catch(() => false);
      if (found) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no frame has an element matching ${selector} within ${timeoutMs} ms`);
    await delay(200);
  }
}

async function runWebviewStep(page, frame, step) {
  const timeout = 10_000;
  switch (step.op) {
    case 'eval':
      return frame.evaluate(String(step.expression));
    case 'fill':
      return frame
        .locator(step.selector)
        .fill(String(step.value), { timeout })
        .then(() => null);
    case 'click':
      return frame
        .locator(step.selector)
        .click({ timeout })
        .then(() => null);
    case 'focus':
      return frame
        .locator(step.selector)
        .focus({ timeout })
        .then(() => null);
    case 'press':
      return page.keyboard.press(String(step.key)).then(() => null);
    case 'text':
      return frame.locator(step.selector).allTextContents();
    case 'type':
      return page.keyboard.type(String(step.text), { delay: Number(step.delayMs) || 40 }).then(() => null);
    case 'wait':
      return delay(Number(step.ms) || 0).then(() => null);
    case 'copy':
      return page.evaluate((text) => navigator.clipboard.writeText(text), String(step.text)).then(() => null);
    case 'suggestion':
      return waitForSuggestion(page, String(step.label), Number(step.timeoutMs) || timeout);
    default:
      throw new Error(`unknown webview step ${JSON.stringify(step.op)}`);
  }
}

/** The first line of each row of the open suggestion list, and of its selected row: one snapshot of the DOM. */
function suggestionList(page) {
  return page
    .evaluate(() => {
      const first = (row) => (row.innerText ?? '').split('\n')[0].trim();
      // In the list's order (rows are positioned, and reused in any DOM order).
      const rows = [...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')].sort(
        (a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')),
      );
      const focused = rows.find((row) => row.classList.contains('focused'));
      return { labels: rows.map(first), selected: focused ? first(focused) : undefined };
    })
    .catch(() => ({ labels: [], selected: undefined }));
}

/** Waits until the suggestion list is open with `label` selected; resolves with the list's labels. */
async function waitForSuggestion(page, label, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await suggestionList(page);
    if (list.selected === label && list.labels.length) return list.labels;
    if (Date.now() > deadline)
      throw new Error(`no suggestion list with "${label}" selected within ${timeoutMs} ms (selected: ${list.selected}; list: ${list.labels.join(', ')})`);
    await delay(100);
  }
}

/** Answers one [[webview:...]] request (see the header); never throws: failures go into the reply. */
async function runWebviewRequest(page, encoded) {
  let request;
  try {
    request = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch (error) {
    say(`[webview] unreadable request: ${error.message}`);
    return;
  }
  if (typeof request?.reply !== 'string' || !path.isAbsolute(request.reply)) {
    say('[webview] a request without an absolute reply file: ignored');
    return;
  }
  const reply = { ok: true, results: [] };
  try {
    const frame = await findFrame(page, String(request.frame), Number(request.timeoutMs) || 20_000);
    for (const step of request.steps ?? []) reply.results.push((await runWebviewStep(page, frame, step)) ?? null);
  } catch (error) {
    reply.ok = false;
    reply.error = error.message;
  }
  const partial = `${request.reply}.partial-${process.pid}`;
  try {
    fs.writeFileSync(partial, JSON.stringify(reply));
    fs.renameSync(partial, request.reply);
  } catch (error) {
    say(`[webview] could not write ${request.reply}: ${error.message}`);
  }
}

function isMainModule() {
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (run.stopping) return;
      run.stopping = signal;
      say(`${signal}: stopping code-server and chromium`);
      cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }

  // Last resort if the process dies without cleanup(): no code-server left behind.
  process.on('exit', () => {
    if (!run.cleanedUp) killServerGroup('SIGKILL');
  });

  main()
    .then(async (code) => {
      process.exitCode = code;
      await cleanup();
      process.exit(code);
    })
    .catch(async (error) => {
      process.exitCode = 1;
      if (run.stopping) return; // the signal handler reports and exits
      say(`ERROR: ${error?.message ?? error}`);
      if (
        run.runDir &&
        fs.existsSync(path.join(run.runDir, 'code-server.log')) &&
        !/code-server log:|code-server exited|did not start/.test(String(error?.message))
      ) {
        say(`code-server log (last lines):\n${tail(path.join(run.runDir, 'code-server.log'), 20)}`);
      }
      await cleanup();
      process.exit(1);
    });
}
