// Sibling files for large arrays (datasets, loss curves): arrays/<id>.f64 beside project.json, raw
// little-endian float64 values. Written atomically (temporary file, then rename) before project.json
// refers to them, so a reference never points at a missing or partial file. Only a regular file of the
// size its reference states is read.

import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArrayRef } from '../../shared/project';
import { readRegularFile } from './readRegular';
import { StoreError } from './storeError';
import { describeFsError, errorCode, nodeFs, type StoreFs } from './storeFs';
import { writeFileAtomic } from './writeAtomic';

export const ARRAYS_DIR = 'arrays';

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function toBytes(values: Float64Array): Buffer {
  const bytes = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i]!, i * 8);
  return bytes;
}

/** Writes `values` to a new array file of the project in `dir`; returns the reference to store in project.json. */
export async function writeArrayFile(dir: string, name: string, values: Float64Array, fs: StoreFs = nodeFs): Promise<ArrayRef> {
  const id = randomUUID();
  const file = `${ARRAYS_DIR}/${id}.f64`;
  try {
    await fs.mkdir(join(dir, ARRAYS_DIR), { recursive: true });
  } catch (e) {
    throw new StoreError('write', `could not create ${join(dir, ARRAYS_DIR)}: ${describeFsError(e)}`);
  }
  await writeFileAtomic(join(dir, file), littleEndian ? Buffer.from(values.buffer, values.byteOffset, values.byteLength) : toBytes(values), fs);
  return { name, file, length: values.length, dtype: 'float64' };
}

/** Returns the values of an array file; throws StoreError when it is missing, not a regular file, or its size does not match the reference. */
export async function readArrayFile(dir: string, ref: ArrayRef): Promise<Float64Array> {
  const path = join(dir, ref.file);
  const expected = ref.length * 8;
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, expected, `array '${ref.name}'`);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') throw new StoreError('missing', `${path} (array '${ref.name}') is missing`);
    if (e instanceof StoreError && e.code === 'tooLarge') throw new StoreError('corrupt', `${path} (array '${ref.name}') holds more than the ${expected} bytes expected`);
    throw e;
  }
  if (bytes.length !== expected) {
    throw new StoreError('corrupt', `${path} (array '${ref.name}') holds ${bytes.length} bytes, expected ${expected}`);
  }
  const out = new Float64Array(ref.length);
  for (let i = 0; i < ref.length; i++) out[i] = bytes.readDoubleLE(i * 8);
  return out;
}

/** True when the array file is a regular file with the size its reference states. */
export async function arrayFileIntact(dir: string, ref: ArrayRef): Promise<boolean> {
  try {
    const info = await stat(join(dir, ref.file));
    return info.isFile() && info.size === ref.length * 8;
  } catch {
    return false;
  }
}
