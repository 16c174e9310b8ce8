// A JSON file as a lowdb adapter, hardened: it reads only a regular file up to a size limit, writes
// atomically through writeFileAtomic (a fresh temporary name, removed when the write fails) and refuses
// to write more than the limit, so a file it wrote can always be read back.

import type { Adapter } from 'lowdb';
import { readRegularFile, sizeText } from './readRegular';
import { StoreError } from './storeError';
import { errorCode, nodeFs, type StoreFs } from './storeFs';
import { writeFileAtomic } from './writeAtomic';

export interface JsonFileOptions {
  /** Largest file read or written, in bytes. */
  readonly maxBytes: number;
  /** What the file holds, for messages ("the project"). */
  readonly what: string;
  /** Checks the text before it is parsed (throws StoreError naming the file). */
  readonly checkText?: (text: string, file: string) => void;
  readonly fs?: StoreFs;
}

export class AtomicJsonFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly options: JsonFileOptions,
  ) {}

  /** Returns the parsed content (not validated), or null when the file is missing (or holds `null`). */
  async read(): Promise<T | null> {
    return ((await this.readValue())?.value ?? null) as T | null;
  }

  /**
   * Returns the parsed content in a box (not validated: the caller checks its shape), or null when the
   * file is missing. Throws StoreError 'corrupt' for unreadable text, 'refused' or 'tooLarge' from the reader.
   */
  async readValue(): Promise<{ value: unknown } | null> {
    let bytes: Buffer;
    try {
      bytes = await readRegularFile(this.file, this.options.maxBytes, this.options.what);
    } catch (e) {
      if (e instanceof StoreError) throw e;
      if (errorCode(e) === 'ENOENT') return null;
      throw new StoreError('corrupt', `${this.file} cannot be read (${errorCode(e) || (e as Error).message}); the file was left untouched`);
    }
    const text = bytes.toString('utf8');
    this.options.checkText?.(text, this.file);
    try {
      return { value: JSON.parse(text) as unknown };
    } catch (e) {
      const why = text.trim() === '' ? 'the file is empty' : (e as Error).message;
      throw new StoreError('corrupt', `${this.file} is not valid JSON (${why}); the file was left untouched`);
    }
  }

  /** Writes `data`; throws StoreError 'tooLarge' or 'write' and then leaves the file as it was. */
  async write(data: T): Promise<void> {
    await this.writeText(this.serialize(data));
  }

  /** Returns the text write() would write for `data`; throws StoreError 'tooLarge' when it is over the limit. */
  serialize(data: T): string {
    const text = JSON.stringify(data, null, 2);
    const bytes = Buffer.byteLength(text);
    if (bytes > this.options.maxBytes) {
      throw new StoreError('tooLarge', `${this.options.what} would grow to ${sizeText(bytes)}, more than the ${sizeText(this.options.maxBytes)} limit of ${this.file}; the change was not saved`);
    }
    return text;
  }

  /** Writes text made by serialize(); throws StoreError 'write' and then leaves the file as it was. */
  async writeText(text: string): Promise<void> {
    await writeFileAtomic(this.file, text, this.options.fs ?? nodeFs);
  }
}
