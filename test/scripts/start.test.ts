// `npm start` (scripts/start.mjs): its options reach the browser host and the Electron app, --open hands
// Chromium a private launch page instead of a tokenised URL, and the sandbox is never turned off unasked.
// The end-to-end cases run the real script with --browser (Electron cannot run here) and a stand-in chromium
// on PATH that records what it was given and loads the launch page the way Chromium would.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumArgs,
  electronLaunch,
  parseStartArgs,
  sandboxNotice,
  serverArgs,
  StartUsageError,
  type StartOptions,
} from '../../scripts/startOptions.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const defaults: StartOptions = parseStartArgs([], '/home/u');

describe('npm start options', () => {
  it('reads --port, --projects-dir and --config-dir (relative to the folder npm start was typed in)', () => {
    const o = parseStartArgs(['--port', '8123', '--projects-dir', 'work/p', '--config-dir', '/etc/emlw'], '/home/u');
    expect(o).toMatchObject({ port: 8123, projectsDir: '/home/u/work/p', configDir: '/etc/emlw', browser: true, open: false, noSandbox: false });
    expect(serverArgs(o)).toEqual(['--port', '8123', '--projects-dir', '/home/u/work/p', '--config-dir', '/etc/emlw']);
    expect(serverArgs(o, '/tmp/x/open.html')).toEqual([...serverArgs(o), '--launch-file', '/tmp/x/open.html']);
    expect(serverArgs(defaults)).toEqual([]);
  });

  it('chooses the browser host for --port and --open, Electron otherwise', () => {
    expect(defaults.browser).toBe(false);
    expect(parseStartArgs(['--open'], '/').browser).toBe(true);
    expect(parseStartArgs(['--port', '1'], '/').browser).toBe(true);
    expect(parseStartArgs(['--projects-dir', 'p'], '/').browser).toBe(false);
  });

  it.each([
    [['--port', '0'], /--port must be a whole number from 1 to 65535 \(got '0'\)/],
    [['--port', '65536'], /--port must be/],
    [['--port', '80x'], /--port must be/],
    [['--port'], /--port/],
    [['--projects-dir', ' '], /--projects-dir needs a folder/],
    [['--prot', '1'], /--prot/],
    [['extra'], /extra/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseStartArgs(argv, '/')).toThrow(StartUsageError);
    expect(() => parseStartArgs(argv, '/')).toThrow(message);
  });

  it('passes the folders to Electron as EMLW_PROJECTS_DIR / EMLW_CONFIG_DIR and keeps its sandbox on', () => {
    const o = parseStartArgs(['--projects-dir', '/p', '--config-dir', '/c'], '/');
    const launch = electronLaunch(o, { PATH: '/bin', EMLW_PROJECTS_DIR: '/old' });
    expect(launch).toEqual({ args: ['.'], env: { PATH: '/bin', EMLW_PROJECTS_DIR: '/p', EMLW_CONFIG_DIR: '/c' } });
    expect(electronLaunch(defaults, { PATH: '/bin' })).toEqual({ args: ['.'], env: { PATH: '/bin' } });
    expect(electronLaunch(parseStartArgs(['--no-sandbox'], '/'), {}).args).toEqual(['.', '--no-sandbox']);
  });

  it('adds --no-sandbox to Chromium only when asked, and tells root what to do instead', () => {
    const args = chromiumArgs('file:///tmp/emlw-open-x/open.html', '/profile', defaults);
    expect(args).toEqual(['--app=file:///tmp/emlw-open-x/open.html', '--user-data-dir=/profile', '--no-first-run', '--no-default-browser-check']);
    expect(chromiumArgs('file:///a', '/p', parseStartArgs(['--no-sandbox'], '/'))).toContain('--no-sandbox');
    expect(sandboxNotice(true, defaults)).toMatch(/running as root.*Run npm start as a normal user, or add --no-sandbox/);
    expect(sandboxNotice(false, defaults)).toBeUndefined();
    expect(sandboxNotice(true, parseStartArgs(['--no-sandbox'], '/'))).toBeUndefined();
  });
});

/** A port that was free a moment ago (the host is then started on it). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

function runStart(args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  return new Promise((resolveStarted, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts/start.mjs'), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolveStarted({ child, url: m[1]!, stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${err}`)));
  });
}

async function stop(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) return;
  const exited = new Promise((r) => started.child.once('exit', r));
  started.child.kill('SIGTERM');
  await exited;
}

/** Resolves once `file` exists (the stand-in chromium writes it when it is done). */
async function fileAppears(file: string): Promise<string> {
  while (!existsSync(file)) await new Promise((r) => setTimeout(r, 20));
  return await readFile(file, 'utf8');
}

describe('npm start', () => {
  let base: string;
  const running: Started[] = [];

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'eml-start-'));
  });

  afterAll(async () => {
    for (const s of running) await stop(s);
    await rm(base, { recursive: true, force: true });
  });

  it('serves on --port and keeps projects and settings in --projects-dir and --config-dir', async () => {
    const port = await freePort();
    const projectsDir = join(base, 'projects');
    const configDir = join(base, 'config');
    const started = await runStart(['--browser', '--port', String(port), '--projects-dir', projectsDir, '--config-dir', configDir], process.env);
    running.push(started);
    const url = new URL(started.url);
    expect(url.port).toBe(String(port));
    const token = url.searchParams.get('token')!;
    const res = await fetch(`${url.origin}/api/eml:project:create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Here' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { path: string }).path).toBe(join(projectsDir, 'Here.emlw'));
    expect(existsSync(join(projectsDir, 'Here.emlw', 'project.json'))).toBe(true);
    expect((await readdir(configDir)).length).toBeGreaterThan(0);
    await stop(started);
  });

  it('--open gives Chromium a private launch page, no credential and no --no-sandbox on its command line', async () => {
    const bin = join(base, 'bin');
    const record = join(base, 'chromium-record.json');
    await rm(bin, { recursive: true, force: true });
    await mkdir(bin);
    // Stand-in chromium: records its arguments and the launch page's folder and file modes, then loads the
    // page's forward target twice (as a reload of the launch page would) and records both answers.
    const fake = `#!${process.execPath}
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { fileURLToPath } = require('node:url');
const args = process.argv.slice(2);
const page = fileURLToPath(args.find((a) => a.startsWith('--app=')).slice(6));
const html = readFileSync(page, 'utf8');
const target = /url=([^"]+)"/.exec(html)[1].replace(/&amp;/g, '&');
(async () => {
  const answers = [];
  for (let i = 0; i < 2; i++) {
    const res = await fetch(target, { redirect: 'manual' });
    answers.push({ status: res.status, location: res.headers.get('location'), cookie: res.headers.get('set-cookie') });
  }
  writeFileSync(${JSON.stringify(record)}, JSON.stringify({
    args, target, answers,
    dirMode: statSync(dirname(page)).mode & 0o777, fileMode: statSync(page).mode & 0o777,
  }));
})();
`;
    await writeFile(join(bin, 'chromium'), fake);
    await chmod(join(bin, 'chromium'), 0o755);
    const started = await runStart(['--open', '--projects-dir', join(base, 'p2'), '--config-dir', join(base, 'c2')], {
      ...process.env,
      PATH: `${bin}:${process.env['PATH'] ?? ''}`,
    });
    running.push(started);
    const seen = JSON.parse(await fileAppears(record)) as {
      args: string[];
      target: string;
      answers: Array<{ status: number; location: string | null; cookie: string | null }>;
      dirMode: number;
      fileMode: number;
    };
    const token = new URL(started.url).searchParams.get('token')!;
    expect(seen.args.join(' ')).not.toContain(token);
    expect(seen.args.join(' ')).not.toMatch(/code=|token=|http:/);
    expect(seen.args).not.toContain('--no-sandbox');
    expect(seen.args[0]).toMatch(/^--app=file:\/\/.*\/open\.html$/);
    expect([seen.dirMode, seen.fileMode]).toEqual([0o700, 0o600]);
    expect(new URL(seen.target).origin).toBe(new URL(started.url).origin);
    expect(seen.target).not.toContain(token);
    // the launch code opens one session, once
    expect(seen.answers[0]).toMatchObject({ status: 303, location: '/' });
    expect(seen.answers[0]!.cookie).toMatch(/HttpOnly; SameSite=Strict/);
    expect(seen.answers[1]).toMatchObject({ status: 303, location: '/', cookie: null });
    if (process.getuid?.() === 0) expect(started.stderr()).toMatch(/running as root.*--no-sandbox/);
    const launchDir = dirname(fileURLToPath(seen.args[0]!.slice('--app='.length)));
    await stop(started);
    expect(existsSync(launchDir)).toBe(false);
  });
});
