// The request checks every host API handler shares: ApiError (the refusal a host sends back with its
// status), the "no argument" check, and the field reader that names the channel and the field of every
// failure. The handler table (api.ts) and the handlers in their own files (e.g. results/resultHandlers.ts)
// use them; nothing here touches a service.

import type { ApiResponse, Channel } from '../shared/api';
import { FieldReader } from './fieldReader';
import { MAX_NAME, nameCharProblem } from './store/nameRule';

/**
 * A request the host refuses: bad argument (400), unknown channel or record (404), conflict with the
 * project state (409: locked, read-only, over a size limit), or a write that failed on disk (500).
 */
export class ApiError extends Error {
  readonly status: 400 | 404 | 409 | 500;
  constructor(message: string, status: 400 | 404 | 409 | 500 = 400) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** A handler receives the raw, untrusted argument and validates it itself. */
export type Handler<C extends Channel> = (arg: unknown) => ApiResponse<C> | Promise<ApiResponse<C>>;
export type HandlerTable = { readonly [C in Channel]: Handler<C> };

export const MAX_PING_MESSAGE = 256;
export const MAX_FORMULA_TEXT = 10_000;
export const MAX_PATH = 4096;
export const MAX_TAGS = 20;
export const MAX_TAG = 40;
export const MAX_NOTES = 10_000;
export const MAX_IDS = 1000;
/** True for a plain object (not an array, not a class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Accepts "no argument": undefined, null or {}. */
export function expectNoArgument(channel: Channel, arg: unknown): void {
  if (arg === undefined || arg === null) return;
  if (isPlainObject(arg) && Object.keys(arg).length === 0) return;
  throw new ApiError(`${channel}: takes no argument`);
}

/** Field reader for one channel's argument: every failure names the channel and the field. */
export class Fields extends FieldReader {
  private constructor(
    readonly channel: Channel,
    obj: Record<string, unknown>,
  ) {
    super(obj);
  }

  /** Checks that `arg` is an object with only the allowed keys. */
  static of(channel: Channel, arg: unknown, shape: string, allowed: readonly string[]): Fields {
    if (!isPlainObject(arg)) throw new ApiError(`${channel}: the argument must be an object like ${shape}`);
    for (const key of Object.keys(arg)) {
      if (!allowed.includes(key)) throw new ApiError(`${channel}: unknown field "${key}"`);
    }
    return new Fields(channel, arg);
  }

  fail(field: string, problem: string): never {
    throw new ApiError(`${this.channel}: ${field} ${problem}`);
  }

  string(field: string, opts: { max: number; min?: number; optional: true }): string | undefined;
  string(field: string, opts: { max: number; min?: number; optional?: false }): string;
  string(field: string, opts: { max: number; min?: number; optional?: boolean }): string | undefined {
    const v = this.obj[field];
    if (v === undefined && opts.optional) return undefined;
    if (typeof v !== 'string') this.fail(field, 'must be a string');
    if (v.length < (opts.min ?? 0)) this.fail(field, opts.min === 1 ? 'must not be empty' : `must have at least ${opts.min} characters`);
    if (v.length > opts.max) this.fail(field, `must be at most ${opts.max} characters`);
    return v;
  }

  /** An optional name, trimmed (possibly blank): at most MAX_NAME characters of one line of printable text (nameRule.ts). */
  name(field: string): string | undefined {
    const v = this.string(field, { max: MAX_NAME, optional: true });
    if (v === undefined) return undefined;
    const problem = nameCharProblem(v.trim());
    if (problem) this.fail(field, problem);
    return v.trim();
  }

  /** Optional tags: like strings(), each one line of printable text (nameRule.ts). */
  tags(field: string): string[] | undefined {
    const tags = this.strings(field, MAX_TAGS, MAX_TAG, true);
    if (tags === undefined) return undefined;
    (this.obj[field] as string[]).forEach((t, i) => {
      const problem = nameCharProblem(t.trim());
      if (problem) this.fail(`${field}[${i}]`, problem);
    });
    return tags;
  }

  /** A list of non-empty strings (trimmed, duplicates dropped). */
  strings(field: string, maxItems: number, maxLength: number, optional: boolean): string[] | undefined {
    const v = this.obj[field];
    if (v === undefined && optional) return undefined;
    return this.stringItems(field, v, maxItems, maxLength, 'drop');
  }

  /** An absolute path. */
  path(field: string): string {
    const p = this.string(field, { max: MAX_PATH, min: 1 });
    if (p.includes('\0')) this.fail(field, 'must not contain NUL characters');
    if (!p.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(p)) this.fail(field, 'must be an absolute path');
    return p;
  }
}
