// Electron main-process and preload tests against a stub of the `electron` module (no binary needed).
// Proves every API channel gets an IPC handler that validates its argument and refuses foreign senders,
// the window loads the renderer from the privileged app:// scheme, the session denies permission checks
// and requests, navigations/redirects/frame navigations stay in the app, links leave only for http(s) after
// the user confirms, host events reach the windows, and quitting closes the services.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  const permissionChecks: Array<(contents: unknown, permission: string) => boolean> = [];
  const schemes: Array<Array<{ scheme: string; privileges: Record<string, boolean> }>> = [];
  const protocolHandlers = new Map<string, (request: { url: string; method: string }) => Promise<Response>>();
  const order: string[] = [];
  const dialogs: Array<{ message: string; detail: string; buttons: string[] }> = [];
  const dialogAnswer = { response: 1 };
  const opened: string[] = [];
  const paths = { documents: '', userData: '' };
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => {
    resolveReady = r;
  });
  return {
    handlers, windows, exposed, invoked, appHandlers, permissionHandlers, permissionChecks, schemes, protocolHandlers, order, dialogs,
    dialogAnswer, opened, paths, ready, resolveReady: () => resolveReady(), quits: { count: 0 },
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows(): BrowserWindow[] {
      return BrowserWindow.all;
    }
    static fromWebContents(): BrowserWindow | null {
      return BrowserWindow.all[0] ?? null;
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
    whenReady: () => {
      stub.order.push('whenReady');
      return stub.ready;
    },
    enableSandbox: () => stub.order.push('enableSandbox'),
    getPath: (name: 'documents' | 'userData') => stub.paths[name],
  };
  const protocol = {
    registerSchemesAsPrivileged: (schemes: (typeof stub.schemes)[number]) => {
      stub.order.push('registerSchemesAsPrivileged');
      stub.schemes.push(schemes);
    },
    handle: (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => stub.protocolHandlers.set(scheme, handler),
  };
  const dialog = {
    showMessageBox: (...args: unknown[]) => {
      const options = args.at(-1) as { message: string; detail: string; buttons: string[] };
      stub.dialogs.push(options);
      return Promise.resolve({ response: stub.dialogAnswer.response, checkboxChecked: false });
    },
    showErrorBox: vi.fn(),
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
      setPermissionCheckHandler: (h: (typeof stub.permissionChecks)[number]) => stub.permissionChecks.push(h),
    },
  };
  const shell = {
    openExternal: (url: string) => {
      stub.opened.push(url);
      return Promise.resolve();
    },
  };
  const electron = { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, session, shell, protocol, dialog };
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
    while (stub.windows.length === 0) await new Promise((r) => setTimeout(r, 5));
    trusted = { senderFrame: { url: 'app://renderer/index.html' } };
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

  it('opens one hardened window titled "EML Workbench" on the renderer served from app://renderer/', () => {
    expect(stub.windows).toHaveLength(1);
    const { options, loaded } = stub.windows[0]!;
    expect(options['title']).toBe('EML Workbench');
    expect(options['webPreferences']).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true });
    expect(options['webPreferences'].preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(loaded).toEqual(['app://renderer/index.html']);
  });

  it('registers app:// as a standard, secure scheme and turns the sandbox on for every renderer, before ready', () => {
    expect(stub.schemes).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]]);
    expect(stub.order.indexOf('registerSchemesAsPrivileged')).toBeLessThan(stub.order.indexOf('whenReady'));
    expect(stub.order.indexOf('enableSandbox')).toBeLessThan(stub.order.indexOf('whenReady'));
  });

  it('serves the renderer folder through app:// and nothing outside it', async () => {
    const serve = stub.protocolHandlers.get('app')!;
    const page = await serve({ url: 'app://renderer/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toBe(readFileSync(join(main.rendererDir, 'index.html'), 'utf8'));
    for (const url of ['app://renderer/%2e%2e/main/index.ts', 'app://renderer/..%2fmain%2findex.ts', 'app://other/index.html', 'app://renderer/nope.js']) {
      expect([403, 404], url).toContain((await serve({ url, method: 'GET' })).status);
    }
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
    expect(main.isTrustedRendererUrl('app://renderer/index.html')).toBe(true);
    expect(main.isTrustedRendererUrl('app://renderer/assets/index.js')).toBe(true);
    expect(main.isTrustedRendererUrl('app://evil/index.html')).toBe(false);
    expect(main.isTrustedRendererUrl(pathToFileURL(join(main.rendererDir, 'index.html')).href)).toBe(false);
    expect(main.isTrustedRendererUrl('file:///etc/passwd')).toBe(false);
    expect(main.isTrustedRendererUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(main.isTrustedRendererUrl('not a url')).toBe(false);
  });

  it('denies every permission check and request', () => {
    expect(stub.permissionHandlers).toHaveLength(1);
    expect(stub.permissionChecks).toHaveLength(1);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial']) {
      stub.permissionHandlers[0]!({}, permission, (ok) => answers.push(ok));
      answers.push(stub.permissionChecks[0]!({}, permission));
    }
    expect(answers).toEqual(Array(12).fill(false));
  });

  /** The listeners the app attaches to a new web contents. */
  function attachToContents(): {
    prevented: (name: string, url?: string) => boolean;
    open: (url: string) => { action: string };
  } {
    const listeners = new Map<string, (details: { url?: string; preventDefault: () => void }) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, l: (details: { url?: string; preventDefault: () => void }) => void) => listeners.set(name, l),
      setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
    };
    for (const h of stub.appHandlers.get('web-contents-created') ?? []) h({}, contents);
    return {
      prevented: (name, url) => {
        let p = false;
        listeners.get(name)!({ ...(url === undefined ? {} : { url }), preventDefault: () => (p = true) });
        return p;
      },
      open: (url) => openHandler!({ url }),
    };
  }

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s away from the app is prevented, within it allowed', (event) => {
    const { prevented } = attachToContents();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://evil/index.html', 'http://127.0.0.1:5173/', 'javascript:alert(1)']) {
      expect(prevented(event, url), url).toBe(true);
    }
    expect(prevented(event, 'app://renderer/index.html')).toBe(false);
  });

  it('denies webviews and new windows; an http(s) link opens in the browser only after the user confirms', async () => {
    const { prevented, open } = attachToContents();
    expect(prevented('will-attach-webview')).toBe(true);
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    };
    stub.dialogAnswer.response = 1; // Cancel
    expect(open('https://example.org/a?b=1')).toEqual({ action: 'deny' });
    await settle();
    expect(stub.dialogs.at(-1)).toMatchObject({ message: 'Open this link in your web browser?', detail: 'https://example.org/a?b=1', buttons: ['Open in browser', 'Cancel'] });
    expect(stub.opened).toEqual([]);
    stub.dialogAnswer.response = 0; // Open in browser
    expect(open('http://example.org/')).toEqual({ action: 'deny' });
    await settle();
    expect(stub.opened).toEqual(['http://example.org/']);
    const asked = stub.dialogs.length;
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://renderer/index.html', 'not a url']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    await settle();
    expect(stub.dialogs.length).toBe(asked);
    expect(stub.opened).toEqual(['http://example.org/']);
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
