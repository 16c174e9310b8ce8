// Electron shell: creates the single hardened window, maps IPC channels onto the shared handler table and
// forwards host events (jobs, project changes) to the windows. Owns window options, navigation and
// permission locks and the IPC registration; services live in src/node.

import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, session, shell, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, EVENT_CHANNEL, type HostEvent } from '../shared/api';
import { createHandlers, createServices, dispatch, type HandlerTable, type Services } from '../node/api';

export const WINDOW_TITLE = 'EML Workbench';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Built renderer page (out/main/index.js sits next to out/renderer). */
export const rendererFile = join(here, '../renderer/index.html');
/** Sandboxed preloads must be CommonJS, hence .cjs in an ESM package. */
export const preloadFile = join(here, '../preload/index.cjs');

/** The dev-server URL electron-vite sets in development, if any. */
function devUrl(): string | undefined {
  const url = process.env['ELECTRON_RENDERER_URL'];
  return url && /^https?:\/\//.test(url) ? url : undefined;
}

/** True when `url` is the app's own renderer (built file or dev server), i.e. a trusted IPC sender. */
export function isTrustedRendererUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const dev = devUrl();
  if (dev !== undefined && parsed.origin === new URL(dev).origin) return true;
  if (parsed.protocol !== 'file:') return false;
  return parsed.pathname === pathToFileURL(rendererFile).pathname;
}

/** The services of this app: projects under Documents/EML Workbench, host files in userData (env overrides both). */
export function createAppServices(): Services {
  return createServices({
    projectsDir: process.env['EMLW_PROJECTS_DIR'] || join(app.getPath('documents'), 'EML Workbench'),
    configDir: process.env['EMLW_CONFIG_DIR'] || app.getPath('userData'),
  });
}

/** Sends a host event to every window's renderer. */
export function broadcast(event: HostEvent): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  }
}

/** Registers one ipcMain handler per API channel; each validates its argument in src/node/api.ts. */
export function registerIpcHandlers(table: HandlerTable = createHandlers()): void {
  for (const channel of CHANNELS) {
    ipcMain.removeHandler(channel);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, arg: unknown) => {
      const senderUrl = event.senderFrame?.url ?? '';
      if (!isTrustedRendererUrl(senderUrl)) throw new Error(`${channel}: refused for an untrusted sender`);
      return await dispatch(table, channel, arg);
    });
  }
}

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1200,
    height: 800,
    minWidth: 640,
    minHeight: 480,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Keep the fixed title instead of following <title> changes.
  win.on('page-title-updated', (event) => event.preventDefault());
  const dev = devUrl();
  if (dev !== undefined) void win.loadURL(dev);
  else void win.loadFile(rendererFile);
  return win;
}

/** Denies new windows, webviews, off-app navigation and every permission request; http(s) links open in the system browser. */
function lockNavigation(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedRendererUrl(url)) event.preventDefault();
    });
  });
}

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  lockNavigation();
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let services: Services | undefined;
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || !services) return;
    // cancel running jobs (their runs are recorded as cancelled) and close projects before quitting
    event.preventDefault();
    void services.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    services = createAppServices();
    services.subscribe(broadcast);
    registerIpcHandlers(createHandlers({ services }));
    createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });
}

main();
