// Electron shell: creates the single hardened window, maps IPC channels onto the shared handler table and
// forwards host events (jobs, project changes) to the windows. Owns window options, the app:// scheme the
// page loads from, navigation, redirect, window-open and permission locks, and the IPC registration;
// services live in src/node. Fuses are set on packaged binaries by scripts/fuses.mjs.

import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, EVENT_CHANNEL, type HostEvent } from '../shared/api';
import { createHandlers, createServices, dispatch, type HandlerTable, type Services } from '../node/api';
import { APP_INDEX_URL, APP_SCHEME, isAppUrl, serveAppRequest } from './appProtocol';

export const WINDOW_TITLE = 'EML Workbench';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Built renderer folder (out/main/index.js sits next to out/renderer), served as app://renderer/. */
export const rendererDir = join(here, '../renderer');
/** Sandboxed preloads must be CommonJS, hence .cjs in an ESM package. */
export const preloadFile = join(here, '../preload/index.cjs');

/** The dev-server URL electron-vite sets in development, if any. */
function devUrl(): string | undefined {
  const url = process.env['ELECTRON_RENDERER_URL'];
  return url && /^https?:\/\//.test(url) ? url : undefined;
}

/** True when `url` is the app's own renderer (app://renderer/ or the dev server), i.e. a trusted IPC sender and navigation target. */
export function isTrustedRendererUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  const dev = devUrl();
  if (dev === undefined) return false;
  try {
    return new URL(url).origin === new URL(dev).origin;
  } catch {
    return false;
  }
}

/** Returns `url` when it is an http(s) link the system browser may open, else undefined. */
export function externalLinkTarget(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Asks the user before an http(s) link leaves the app for the system browser; other links are dropped. */
async function confirmOpenExternal(contents: WebContents, url: string): Promise<void> {
  const target = externalLinkTarget(url);
  if (target === undefined) return;
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: WINDOW_TITLE,
    message: 'Open this link in your web browser?',
    detail: target.length > 500 ? target.slice(0, 500) + '…' : target,
  };
  const owner = BrowserWindow.fromWebContents(contents);
  const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
  if (response === 0) await shell.openExternal(target);
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
  void win.loadURL(devUrl() ?? APP_INDEX_URL);
  return win;
}

/**
 * Denies webviews, new windows, and navigations, redirects and frame navigations away from the app;
 * an http(s) link the page opens goes to the system browser once the user confirms it.
 */
function lockNavigation(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void confirmOpenExternal(contents, url);
      return { action: 'deny' };
    });
    const stayInApp = (details: { url: string; preventDefault(): void }): void => {
      if (!isTrustedRendererUrl(details.url)) details.preventDefault();
    };
    contents.on('will-navigate', stayInApp);
    contents.on('will-redirect', stayInApp);
    contents.on('will-frame-navigate', stayInApp);
  });
}

/** Denies every permission check and request (camera, notifications, clipboard, HID ...) of every page. */
function denyPermissions(): void {
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}

function main(): void {
  // before 'ready': app:// pages are a secure, standard origin; every renderer runs sandboxed
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  app.enableSandbox();
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
  void app.whenReady().then(async () => {
    denyPermissions();
    const root = await realpath(rendererDir);
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request));
    services = createAppServices();
    services.subscribe(broadcast);
    registerIpcHandlers(createHandlers({ services }));
    createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  }).catch((error: unknown) => {
    dialog.showErrorBox(WINDOW_TITLE, `The app could not start: ${error instanceof Error ? error.message : String(error)}`);
    app.quit();
  });
}

main();
