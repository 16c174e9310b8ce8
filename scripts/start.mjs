// `npm start`: runs the Electron app when its binary is installed and usable, otherwise the browser host.
// Options (startOptions.mjs): --browser, --open, --port N, --projects-dir DIR, --config-dir DIR,
// --no-sandbox, --help. --open hands Chromium a private launch page (0600 in a 0700 folder) whose one-time
// code opens the session, so no credential shows on Chromium's command line (`ps`).
// Never triggers an Electron download: the binary is located from the electron package's path.txt only.
// Builds (renderer, browser host, job workers) are redone when missing or older than any source file.

import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumArgs, electronLaunch, parseStartArgs, sandboxNotice, serverArgs, START_USAGE, StartUsageError } from './startOptions.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function log(message) {
  process.stderr.write(`[start] ${message}\n`);
}

let options;
try {
  options = parseStartArgs(process.argv.slice(2), process.env.INIT_CWD || process.cwd());
} catch (error) {
  if (!(error instanceof StartUsageError)) throw error;
  process.stderr.write(`npm start: ${error.message}\n${START_USAGE}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${START_USAGE}\n`);
  process.exit(0);
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Path of an installed, runnable Electron binary, or undefined. Reads path.txt; never requires 'electron'. */
function findElectron() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron'));
  } catch {
    return undefined;
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe = override ? join(override, relative) : join(pkgDir, 'dist', relative);
  if (!existsSync(exe) || !isExecutable(exe)) return undefined;
  // The file may exist but fail to load (missing shared libraries): probe it in Node mode, with a timeout.
  const probe = spawnSync(exe, ['-e', 'process.exit(0)'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'ignore',
    timeout: 20_000,
  });
  if (probe.status !== 0) {
    log(`electron binary at ${exe} does not start; using the browser host`);
    return undefined;
  }
  return exe;
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Runs a build step with its output on stderr, so stdout carries only the server's URL line. */
function runStep(label, command, commandArgs) {
  log(label);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    log(`${label} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
    process.exit(1);
  }
}

function electronViteBin() {
  const pkgDir = dirname(require.resolve('electron-vite/package.json'));
  return join(pkgDir, 'bin', 'electron-vite.js');
}

/** Newest modification time (ms) of the files under `dir` (recursively), or 0. */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.isFile()) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

let sourcesMtime;
/** True when any output is missing or older than the sources (src/, package.json, the build configs). */
function isStale(outputs) {
  sourcesMtime ??= Math.max(
    newestMtime(join(root, 'src')),
    ...['package.json', 'electron.vite.config.ts', 'scripts/build-server.mjs', 'scripts/build-cli.mjs'].map((f) =>
      existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0,
    ),
  );
  return outputs.some((file) => !existsSync(join(root, file)) || statSync(join(root, file)).mtimeMs < sourcesMtime);
}

function ensureElectronBuild(needMainAndPreload) {
  const outputs = ['out/renderer/index.html'];
  if (needMainAndPreload) outputs.push('out/main/index.js', 'out/preload/index.cjs');
  if (!isStale(outputs)) return;
  runStep('building the app (electron-vite build)', process.execPath, [electronViteBin(), 'build']);
}

function ensureServerBuild() {
  if (!isStale(['dist/server/main.mjs'])) return;
  runStep('building the browser host (scripts/build-server.mjs)', process.execPath, [join(root, 'scripts/build-server.mjs')]);
}

/** The job workers run from dist/workers (bundled by scripts/build-cli.mjs, as `npm ci` does). */
function ensureWorkersBuild() {
  const workers = readdirSync(join(root, 'src/node/jobs/workers'))
    .filter((name) => name.endsWith('.worker.ts'))
    .map((name) => `dist/workers/${name.replace(/\.worker\.ts$/, '.mjs')}`);
  if (!isStale(workers)) return;
  runStep('building the job workers (scripts/build-cli.mjs)', process.execPath, [join(root, 'scripts/build-cli.mjs')]);
}

/** Forwards SIGINT/SIGTERM to the child and exits with its status. */
function supervise(child, onExit = () => {}) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => {
    onExit();
    process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
  });
  child.on('error', (error) => {
    log(error.message);
    onExit();
    process.exit(1);
  });
}

/** The first chromium on PATH, else Debian's /usr/bin/chromium, or undefined. */
function findChromium() {
  const candidates = [];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir) candidates.push(join(dir, 'chromium'), join(dir, 'chromium-browser'));
  }
  candidates.push('/usr/bin/chromium');
  return candidates.find((file) => existsSync(file) && isExecutable(file));
}

function warnIfRootWithoutSandbox() {
  const notice = sandboxNotice(isRoot, options);
  if (notice) log(notice);
}

/** Opens the launch page (a local file: it forwards to a one-time launch URL) in a Chromium app window. */
function openInChromium(launchFile) {
  const chromium = findChromium();
  if (!chromium) {
    log('--open: no chromium found (on Debian: apt-get install chromium); open the URL above by hand');
    return undefined;
  }
  warnIfRootWithoutSandbox();
  const args = chromiumArgs(pathToFileURL(launchFile).href, join(root, '.cache', 'chromium-app'), options);
  const browser = spawn(chromium, args, { stdio: 'ignore' });
  browser.on('error', (error) => log(`--open: ${error.message}`));
  browser.on('exit', (code) => {
    if (code !== null && code !== 0) log(`--open: chromium exited with status ${code} (no display?); open the URL above by hand`);
  });
  return browser;
}

function startElectron(exe) {
  ensureElectronBuild(true);
  ensureWorkersBuild();
  warnIfRootWithoutSandbox();
  const launch = electronLaunch(options, process.env);
  const child = spawn(exe, launch.args, { cwd: root, stdio: 'inherit', env: launch.env });
  supervise(child);
}

function startBrowserHost() {
  ensureElectronBuild(false);
  ensureServerBuild();
  ensureWorkersBuild();
  // --open: the host writes the launch page into a folder only this user can enter (mkdtemp makes it 0700)
  const launchDir = options.open ? mkdtempSync(join(tmpdir(), 'emlw-open-')) : undefined;
  const launchFile = launchDir && join(launchDir, 'open.html');
  const child = spawn(process.execPath, [join(root, 'dist/server/main.mjs'), ...serverArgs(options, launchFile)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let browser;
  let pending = '';
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (!launchFile || browser !== undefined) return;
    pending += chunk.toString('utf8');
    if (/running at http:\/\/\S+/.test(pending)) browser = openInChromium(launchFile) ?? null;
  });
  supervise(child, () => {
    if (browser && browser.exitCode === null) browser.kill('SIGTERM');
    if (launchDir) rmSync(launchDir, { recursive: true, force: true });
  });
}

const forceBrowser = options.browser;
const electron = forceBrowser ? undefined : findElectron();
if (electron && hasDisplay()) {
  startElectron(electron);
} else {
  if (electron) log('no display available; using the browser host');
  else if (!forceBrowser) log('electron binary not installed; using the browser host');
  startBrowserHost();
}
