// Preload bridge (sandboxed, CommonJS output): exposes `window.eml` to the renderer via contextBridge.
// Owns only channel-prefix filtering; argument validation happens in the main process.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_PREFIX, type EmlBridge } from '../shared/api';

function isEmlChannel(channel: unknown): channel is string {
  return typeof channel === 'string' && channel.startsWith(CHANNEL_PREFIX) && channel.length > CHANNEL_PREFIX.length;
}

const bridge: EmlBridge = {
  invoke(channel: string, arg?: unknown) {
    if (!isEmlChannel(channel)) return Promise.reject(new Error(`eml bridge: refused channel "${String(channel)}"`));
    return ipcRenderer.invoke(channel, arg);
  },
  on(channel: string, listener: (payload: unknown) => void) {
    if (!isEmlChannel(channel)) throw new Error(`eml bridge: refused channel "${String(channel)}"`);
    if (typeof listener !== 'function') throw new Error('eml bridge: listener must be a function');
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
} as EmlBridge;

contextBridge.exposeInMainWorld('eml', bridge);
