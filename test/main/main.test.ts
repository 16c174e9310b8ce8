// Electron main-process and preload tests against a stub of the `electron` module (no binary needed).
// Proves every API channel gets an IPC handler, handlers validate arguments, and the window is hardened.

import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import pkg from '../../package.json';
import { CHANNELS } from '../../src/shared/api';

type IpcHandler = (event: unknown, arg: unknown) => Promise<unknown>;

const stub = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>();
  const windows: { options: Record<string, any>; loaded: string[] }[] = [];
  const exposed = new Map<string, any>();
  const invoked: { channel: string; arg: unknown }[] = [];
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((r) => {
    resolveReady = r;
  });
  return { handlers, windows, exposed, invoked, ready, resolveReady: () => resolveReady() };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows(): BrowserWindow[] {
      return BrowserWindow.all;
    }
    readonly record: { options: Record<string, any>; loaded: string[] };
    constructor(options: Record<string, any>) {
      this.record = { options, loaded: [] };
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
    quit: vi.fn(),
    on: vi.fn(),
    whenReady: () => stub.ready,
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
  const shell = { openExternal: vi.fn() };
  const electron = { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, shell };
  return { ...electron, default: electron };
});

describe('electron main process', () => {
  let main: typeof import('../../src/main/index');
  let trusted: { senderFrame: { url: string } };

  beforeAll(async () => {
    delete process.env['ELECTRON_RENDERER_URL'];
    main = await import('../../src/main/index');
    stub.resolveReady();
    await stub.ready;
    await new Promise((r) => setTimeout(r, 0));
    trusted = { senderFrame: { url: pathToFileURL(main.rendererFile).href } };
  });

  it('registers exactly one IPC handler per API channel', () => {
    expect([...stub.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(CHANNELS).toContain('eml:version');
    expect(CHANNELS).toContain('eml:ping');
  });

  it('opens one hardened window titled "EML Workbench" on the built renderer', () => {
    expect(stub.windows).toHaveLength(1);
    const { options, loaded } = stub.windows[0]!;
    expect(options['title']).toBe('EML Workbench');
    expect(options['webPreferences']).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true });
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
    const off = bridge.on('eml:progress', () => {});
    expect(typeof off).toBe('function');
    off();
  });
});
