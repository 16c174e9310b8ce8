// Host API handler table shared by the Electron main process and the browser server.
// Owns argument validation and the handler per channel of src/shared/api.ts; no transport code here.

import { name as packageName, version as packageVersion } from '../../package.json';
import {
  CHANNELS,
  type ApiResponse,
  type Channel,
  type PingRequest,
  type PingResponse,
  type VersionInfo,
} from '../shared/api';

/** A request the host refuses: bad argument (400) or unknown channel (404). */
export class ApiError extends Error {
  readonly status: 400 | 404;
  constructor(message: string, status: 400 | 404 = 400) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** A handler receives the raw, untrusted argument and validates it itself. */
export type Handler<C extends Channel> = (arg: unknown) => ApiResponse<C> | Promise<ApiResponse<C>>;
export type HandlerTable = { readonly [C in Channel]: Handler<C> };

export const MAX_PING_MESSAGE = 256;

/** The application's own name and version (from package.json, inlined at build time). */
export const APP_INFO: VersionInfo = Object.freeze({ name: packageName, version: packageVersion });

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Accepts "no argument": undefined, null or {}. */
function expectNoArgument(channel: Channel, arg: unknown): void {
  if (arg === undefined || arg === null) return;
  if (isPlainObject(arg) && Object.keys(arg).length === 0) return;
  throw new ApiError(`${channel}: takes no argument`);
}

function parsePing(arg: unknown): PingRequest {
  if (arg === undefined || arg === null) return {};
  if (!isPlainObject(arg)) throw new ApiError('eml:ping: the argument must be an object like { message?: string }');
  for (const key of Object.keys(arg)) {
    if (key !== 'message') throw new ApiError(`eml:ping: unknown field "${key}"`);
  }
  const message = arg['message'];
  if (message === undefined) return {};
  if (typeof message !== 'string') throw new ApiError('eml:ping: message must be a string');
  if (message.length > MAX_PING_MESSAGE) {
    throw new ApiError(`eml:ping: message must be at most ${MAX_PING_MESSAGE} characters`);
  }
  return { message };
}

/** Options of createHandlers; tests inject a fixed clock. */
export interface HandlerOptions {
  readonly appInfo?: VersionInfo;
  readonly now?: () => number;
}

/** Builds the handler table; both hosts map their transport onto it. */
export function createHandlers(options: HandlerOptions = {}): HandlerTable {
  const info = options.appInfo ?? APP_INFO;
  const now = options.now ?? Date.now;
  const table: HandlerTable = {
    'eml:version': (arg): VersionInfo => {
      expectNoArgument('eml:version', arg);
      return { name: info.name, version: info.version };
    },
    'eml:ping': (arg): PingResponse => {
      const request = parsePing(arg);
      return { pong: true, message: request.message ?? '', time: now() };
    },
  };
  return Object.freeze(table);
}

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

/** Runs the handler of `channel` on `arg`; unknown channels raise ApiError 404. */
export async function dispatch(table: HandlerTable, channel: string, arg: unknown): Promise<unknown> {
  if (!isChannel(channel)) throw new ApiError(`unknown channel "${channel}"`, 404);
  const handler = table[channel] as Handler<Channel>;
  return await handler(arg);
}
