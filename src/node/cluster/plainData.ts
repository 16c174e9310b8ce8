// Lossless JSON form of the values a run takes and gives (the queue stores JSON): plain objects, arrays,
// strings, booleans, null and float64 numbers, including what JSON cannot write (NaN, ±Infinity, −0)
// and Float64Array (little-endian bytes in base64, whatever the machine). A finite number other than −0 stays a JSON number (JSON round-trips every double);
// the others become tagged objects, so a decoded value equals the original bit for bit.

/** A value in its JSON-safe form. */
export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

const NUM = '$num';
const F64 = '$f64';

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function encodeNumber(n: number): Plain {
  if (Number.isNaN(n)) return { [NUM]: 'NaN' };
  if (n === Infinity) return { [NUM]: 'Infinity' };
  if (n === -Infinity) return { [NUM]: '-Infinity' };
  if (Object.is(n, -0)) return { [NUM]: '-0' };
  return n;
}

/** Returns the JSON-safe form of `value`; throws naming the path of anything that has none (functions, class instances, bigint). */
export function encodePlain(value: unknown, path = '$'): Plain {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return encodeNumber(value);
  if (value instanceof Float64Array) {
    const bytes = Buffer.alloc(value.length * 8);
    for (let i = 0; i < value.length; i++) bytes.writeDoubleLE(value[i]!, i * 8);
    return { [F64]: bytes.toString('base64') };
  }
  if (Array.isArray(value)) return value.map((v, i) => encodePlain(v, `${path}[${i}]`));
  if (typeof value === 'object' && isPlainObject(value)) {
    const out: Record<string, Plain> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === NUM || k === F64) throw new Error(`cluster: ${path}.${k} uses a key reserved for tagged numbers`);
      if (v !== undefined) out[k] = encodePlain(v, `${path}.${k}`);
    }
    return out;
  }
  throw new Error(`cluster: ${path} is ${value === undefined ? 'undefined' : typeof value === 'object' ? `a ${value.constructor?.name ?? 'non-plain'} object` : `a ${typeof value}`}, not plain data`);
}

/** Returns the value whose JSON-safe form is `plain` (the inverse of encodePlain); throws on a malformed tag. */
export function decodePlain(plain: unknown): unknown {
  if (plain === null || typeof plain !== 'object') return plain;
  if (Array.isArray(plain)) return plain.map(decodePlain);
  const o = plain as Record<string, unknown>;
  if (NUM in o) {
    const t = o[NUM];
    if (t === 'NaN') return NaN;
    if (t === 'Infinity') return Infinity;
    if (t === '-Infinity') return -Infinity;
    if (t === '-0') return -0;
    throw new Error(`cluster: malformed tagged number ${JSON.stringify(t)}`);
  }
  if (F64 in o) {
    if (typeof o[F64] !== 'string') throw new Error('cluster: malformed Float64Array (its bytes must be base64 text)');
    const bytes = Buffer.from(o[F64], 'base64');
    if (bytes.length % 8 !== 0) throw new Error(`cluster: malformed Float64Array (${bytes.length} bytes is not a whole number of float64 values)`);
    const out = new Float64Array(bytes.length / 8);
    for (let i = 0; i < out.length; i++) out[i] = bytes.readDoubleLE(i * 8);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = decodePlain(v);
  return out;
}
