// npm start: build, then open examples/ in VS Code with the extension loaded from this working tree.
//   - a desktop `code` on PATH: `code --extensionDevelopmentPath=<root> <root>/examples`
//   - otherwise (no desktop): code-server 4.139.1 (VS Code 1.139.1 in the browser) on http://127.0.0.1:8080
//     (or the next free port; PORT=... to choose), no password, until Ctrl-C.
//     Its extensions folder (.vscode-test/start/extensions) links to this working tree, so after
//     `npm run watch` rebuilds, "Developer: Reload Window" in the browser picks the change up.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchCodeServer } from './vscode/code-server-cli.mjs';
import { CACHE_DIR, setupVSCode } from './vscode/setup.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');

function onPath(command) {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, command))
    .find((file) => {
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freePort(first) {
  for (let port = first; port < first + 50; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${first}-${first + 49}`);
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const code = process.env.COGNITO_POOL_VSCODE !== 'code-server' && onPath('code');
if (code) {
  console.log(`start: ${code} --extensionDevelopmentPath=${root} ${examples}`);
  const desktop = spawnSync(code, [`--extensionDevelopmentPath=${root}`, examples], { stdio: 'inherit' });
  process.exit(desktop.status ?? 1);
}

const paths = setupVSCode({ needChromium: false });
// A project-local profile that survives restarts (user data, settings) and an extensions folder made anew
// each time whose only entry links to this working tree: code-server registers what it finds there on start.
const runDir = path.join(CACHE_DIR, 'start');
const extensionsDir = path.join(runDir, 'extensions');
fs.rmSync(extensionsDir, { recursive: true, force: true });
fs.mkdirSync(extensionsDir, { recursive: true });
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
fs.symlinkSync(root, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');

const port = await freePort(Number(process.env.PORT) || 8080);
let server;
let stopping = false;
const stop = async (exitCode) => {
  if (stopping) return;
  stopping = true;
  if (server) {
    server.stop('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    server.stop('SIGKILL'); // the whole process group: watcher, pty host, extension host
  }
  process.exit(exitCode);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(0));
process.on('exit', () => server?.stop('SIGKILL'));

try {
  server = await launchCodeServer({
    paths,
    runDir,
    extensionsDir,
    port,
    onSpawn: (handle) => (server = handle),
    onOutput: process.env.COGNITO_POOL_E2E_VERBOSE === '1' ? (chunk) => process.stderr.write(chunk) : undefined,
  });
} catch (error) {
  console.error(`start: ${error.message}`);
  await stop(1);
}
const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(examples)}`;
console.log(`\nVS Code ${paths.vscodeVersion ?? ''} (code-server ${paths.codeServerVersion}) with the extension from this working tree:\n\n    ${url}\n`);
console.log(`No password; listening on 127.0.0.1 only. Log: ${path.relative(process.cwd(), server.logFile)}. Ctrl-C stops it.`);
server.process.on('exit', (exitCode, signal) => {
  if (stopping) return;
  console.error(`start: code-server exited (${exitCode ?? signal}); see ${server.logFile}`);
  stop(exitCode || 1);
});
