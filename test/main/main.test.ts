// Electron main-process and preload tests against a stub of the `electron` module (no binary needed).
// Proves every API channel gets an IPC handler that validates its argument and refuses foreign senders,
// the window and session are hardened, host events reach the windows, and quitting closes the services.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pkg from '../../package.json';
import { CHANNELS, EVENT_CHANNEL } from '../../src/shared/api';
import { BAD_ARGUMENTS } from '../server/apiCases';

type IpcHandler = (event: unknown, arg: unknown) => Promise<unknown>;

const stub = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>();
  const windows: { options: Record<string, any>; loaded: string[]; sent: Array<[string, unknown]> }[] = [];
  const exposed = new Map<string, any>();
  const invoked: { channel: string; arg: unknown }[] = [];
  const appHandlers = new Map<string, Array<(...args: any[]) => void>>();
  const permissionHandlers: Array<(contents: unknown, permission: string, callback: (ok: boolean) => void) => void> = [];
  const paths = { documents: '', userData: '' };
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => {
    resolveReady = r;
  });
  return { handlers, windows, exposed, invoked, appHandlers, permissionHandlers, paths, ready, resolveReady: () => resolveReady(), quits: { count: 0 } };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows(): BrowserWindow[] {
      return BrowserWindow.all;
    }
    readonly record: { options: Record<string, any>; loaded: string[]; sent: Array<[string, unknown]> };
    readonly webContents: { send: (channel: string, payload: unknown) => void };
    constructor(options: Record<string, any>) {
      this.record = { options, loaded: [], sent: [] };
      this.webContents = { send: (channel, payload) => this.record.sent.push([channel, payload]) };
      stub.windows.push(this.record);
      BrowserWindow.all.push(this);
    }
    once(): this {
      return this;
    }
    on(): this {
      return this;
    }
    show(): void {}
    isDestroyed(): boolean {
      return false;
    }
    loadFile(file: string): Promise<void> {
      this.record.loaded.push(`file:${file}`);
      return Promise.resolve();
    }
    loadURL(url: string): Promise<void> {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {}
  }
  const app = {
    requestSingleInstanceLock: () => true,
    quit: () => {
      stub.quits.count++;
    },
    on: (event: string, handler: (...args: any[]) => void) => {
      stub.appHandlers.set(event, [...(stub.appHandlers.get(event) ?? []), handler]);
    },
    whenReady: () => stub.ready,
    getPath: (name: 'documents' | 'userData') => stub.paths[name],
  };
  const ipcMain = {
    handle: (channel: string, fn: IpcHandler) => {
      if (stub.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      stub.handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => {
      stub.handlers.delete(channel);
    },
  };
  const ipcRenderer = {
    invoke: (channel: string, arg: unknown) => {
      stub.invoked.push({ channel, arg });
      return Promise.resolve({ echoed: channel });
    },
    on: vi.fn(),
    removeListener: vi.fn(),
  };
  const contextBridge = {
    exposeInMainWorld: (key: string, value: unknown) => {
      stub.exposed.set(key, value);
    },
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (h: (typeof stub.permissionHandlers)[number]) => stub.permissionHandlers.push(h),
    },
  };
  const shell = { openExternal: vi.fn() };
  const electron = { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, session, shell };
  return { ...electron, default: electron };
});

describe('electron main process', () => {
  let main: typeof import('../../src/main/index');
  let trusted: { senderFrame: { url: string } };
  let base: string;

  beforeAll(async () => {
    delete process.env['ELECTRON_RENDERER_URL'];
    delete process.env['EMLW_PROJECTS_DIR'];
    delete process.env['EMLW_CONFIG_DIR'];
    base = mkdtempSync(join(tmpdir(), 'eml-main-'));
    stub.paths.documents = join(base, 'Documents');
    stub.paths.userData = join(base, 'userData');
    main = await import('../../src/main/index');
    stub.resolveReady();
    await stub.ready;
    await new Promise((r) => setTimeout(r, 0));
    trusted = { senderFrame: { url: pathToFileURL(main.rendererFile).href } };
  });

  afterAll(() => {
    rmSync(base, { recursive: true, force: true });
  });

  it('registers exactly one IPC handler per API channel', () => {
    expect([...stub.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(CHANNELS).toContain('eml:version');
    expect(CHANNELS).toContain('eml:project:create');
    expect(CHANNELS).toContain('eml:jobs:start');
  });

  it('opens one hardened window titled "EML Workbench" on the built renderer', () => {
    expect(stub.windows).toHaveLength(1);
    const { options, loaded } = stub.windows[0]!;
    expect(options['title']).toBe('EML Workbench');
    expect(options['webPreferences']).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true });
    expect(options['webPreferences'].preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(loaded).toEqual([`file:${main.rendererFile}`]);
  });

  it('eml:version answers the package name and version and rejects any argument', async () => {
    const version = stub.handlers.get('eml:version')!;
    await expect(version(trusted, undefined)).resolves.toEqual({ name: pkg.name, version: pkg.version });
    for (const bad of [1, 'x', [1], { a: 1 }, true]) {
      await expect(version(trusted, bad)).rejects.toThrow(/eml:version/);
    }
  });

  it('eml:ping echoes a valid message and rejects invalid arguments', async () => {
    const ping = stub.handlers.get('eml:ping')!;
    await expect(ping(trusted, { message: 'hello' })).resolves.toMatchObject({ pong: true, message: 'hello' });
    await expect(ping(trusted, undefined)).resolves.toMatchObject({ pong: true, message: '' });
    for (const bad of [42, 'hi', [], { message: 1 }, { message: 'x'.repeat(257) }, { other: 'x' }]) {
      await expect(ping(trusted, bad)).rejects.toThrow(/eml:ping/);
    }
  });

  it.each(CHANNELS.map((c) => [c]))('the %s handler validates its argument before doing anything', async (channel) => {
    const handler = stub.handlers.get(channel)!;
    for (const [arg, message] of BAD_ARGUMENTS[channel]) {
      const error = await handler(trusted, arg).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error, `${channel} accepted ${JSON.stringify(arg)?.slice(0, 60)}`).toBeInstanceOf(Error);
      expect(error!.message).toMatch(new RegExp(`^${channel}: `));
      expect(error!.message).toMatch(message);
    }
  });

  it('every handler refuses senders other than the app renderer', async () => {
    for (const channel of CHANNELS) {
      const handler = stub.handlers.get(channel)!;
      await expect(handler({ senderFrame: { url: 'https://evil.example/' } }, undefined)).rejects.toThrow(/untrusted/);
      await expect(handler({ senderFrame: null }, undefined)).rejects.toThrow(/untrusted/);
    }
  });

  it('recognises trusted renderer URLs only', () => {
    expect(main.isTrustedRendererUrl(pathToFileURL(main.rendererFile).href)).toBe(true);
    expect(main.isTrustedRendererUrl('file:///etc/passwd')).toBe(false);
    expect(main.isTrustedRendererUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(main.isTrustedRendererUrl('not a url')).toBe(false);
  });

  it('denies every permission request, webviews, new windows and off-app navigation', () => {
    expect(stub.permissionHandlers).toHaveLength(1);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) stub.permissionHandlers[0]!({}, permission, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false]);

    const listeners = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, l: (event: { preventDefault: () => void }, url?: string) => void) => listeners.set(name, l),
      setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
    };
    for (const h of stub.appHandlers.get('web-contents-created') ?? []) h({}, contents);
    const prevented = (name: string, url?: string): boolean => {
      let p = false;
      listeners.get(name)!({ preventDefault: () => (p = true) }, url);
      return p;
    };
    expect(prevented('will-attach-webview')).toBe(true);
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-navigate', pathToFileURL(main.rendererFile).href)).toBe(false);
    expect(openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });

  it('creates projects under Documents/EML Workbench and forwards project events to the windows', async () => {
    const created = (await stub.handlers.get('eml:project:create')!(trusted, { name: 'Desk' })) as { path: string };
    expect(created.path).toBe(join(stub.paths.documents, 'EML Workbench', 'Desk.emlw'));
    await stub.handlers.get('eml:formula:save')!(trusted, { text: 'ln(x)' });
    expect(stub.windows[0]!.sent).toContainEqual([EVENT_CHANNEL, { type: 'project', path: created.path }]);
    const recent = (await stub.handlers.get('eml:workspace:get')!(trusted, undefined)) as { recent: Array<{ path: string }> };
    expect(recent.recent.map((r) => r.path)).toEqual([created.path]);
  });

  it('on quit, waits for the services to close (running jobs cancelled, projects closed) before quitting', async () => {
    const job = (await stub.handlers.get('eml:jobs:start')!(trusted, { kind: 'verify', input: { suite: 'identities', digits: 60 } })) as { id: string };
    const [willQuit] = stub.appHandlers.get('will-quit') ?? [];
    let prevented = false;
    willQuit!({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    while (stub.quits.count === 0) await new Promise((r) => setTimeout(r, 10));
    const sent = stub.windows[0]!.sent.filter(([, e]) => (e as { type: string }).type === 'job').map(([, e]) => (e as { job: { id: string; status: string } }).job);
    expect(sent.filter((j) => j.id === job.id).at(-1)!.status).toBe('cancelled');
    // a second will-quit (the one app.quit() raises) goes through
    let again = false;
    willQuit!({ preventDefault: () => (again = true) });
    expect(again).toBe(false);
  });
});

describe('preload bridge', () => {
  let bridge: { invoke: (channel: string, arg?: unknown) => Promise<unknown>; on: (c: string, l: () => void) => () => void };

  beforeAll(async () => {
    await import('../../src/preload/index');
    bridge = stub.exposed.get('eml');
  });

  it('exposes window.eml with invoke and on', () => {
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('forwards eml: channels and rejects all others', async () => {
    await expect(bridge.invoke('eml:version')).resolves.toEqual({ echoed: 'eml:version' });
    for (const bad of ['version', 'ipc:eml:version', 'eml:', '', 'EML:version']) {
      await expect(bridge.invoke(bad)).rejects.toThrow(/refused channel/);
    }
    expect(stub.invoked.map((c) => c.channel)).toEqual(['eml:version']);
    expect(() => bridge.on('other', () => {})).toThrow(/refused channel/);
    const off = bridge.on(EVENT_CHANNEL, () => {});
    expect(typeof off).toBe('function');
    off();
  });
});
