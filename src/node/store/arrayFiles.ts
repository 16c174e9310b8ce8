// Sibling files for large arrays (datasets, loss curves): arrays/<id>.f64 beside project.json, raw
// little-endian float64 values. Written atomically (temporary file, then rename) before project.json
// refers to them, so a reference never points at a missing or partial file.

import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArrayRef } from '../../shared/project';
import { StoreError } from './storeError';

export const ARRAYS_DIR = 'arrays';

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function toBytes(values: Float64Array): Buffer {
  const bytes = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i]!, i * 8);
  return bytes;
}

/** Writes `values` to a new array file of the project in `dir`; returns the reference to store in project.json. */
export async function writeArrayFile(dir: string, name: string, values: Float64Array): Promise<ArrayRef> {
  const id = randomUUID();
  const file = `${ARRAYS_DIR}/${id}.f64`;
  await mkdir(join(dir, ARRAYS_DIR), { recursive: true });
  const temp = join(dir, ARRAYS_DIR, `.${id}.f64.tmp`);
  await writeFile(temp, littleEndian ? Buffer.from(values.buffer, values.byteOffset, values.byteLength) : toBytes(values));
  await rename(temp, join(dir, file));
  return { name, file, length: values.length, dtype: 'float64' };
}

/** Returns the values of an array file; throws StoreError when it is missing or its size does not match the reference. */
export async function readArrayFile(dir: string, ref: ArrayRef): Promise<Float64Array> {
  const path = join(dir, ref.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new StoreError('missing', `${path} (array '${ref.name}') is missing`);
    throw e;
  }
  if (bytes.length !== ref.length * 8) {
    throw new StoreError('corrupt', `${path} (array '${ref.name}') holds ${bytes.length} bytes, expected ${ref.length * 8}`);
  }
  const out = new Float64Array(ref.length);
  for (let i = 0; i < ref.length; i++) out[i] = bytes.readDoubleLE(i * 8);
  return out;
}

/** True when the array file exists with the size its reference states. */
export async function arrayFileIntact(dir: string, ref: ArrayRef): Promise<boolean> {
  try {
    return (await stat(join(dir, ref.file))).size === ref.length * 8;
  } catch {
    return false;
  }
}
