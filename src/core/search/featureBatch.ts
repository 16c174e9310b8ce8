// The features of kept nodes (compiledLanguage.ts) computed in batches by the WebAssembly SIMD module
// (wasm/features.ts): the enumerator hands each kept value here with the row it was given, and the batch computes
// a run of consecutive rows at once, two probes per instruction, then copies the block into the segment. A row
// with a value the module leaves to the host (±∞, NaN, ln 0, moduli beyond a plain |v|²) is computed again by the
// scalar path (computeFeaturesInto), so every semantics' rules for those values hold exactly; elsewhere results may
// differ from the scalar path in the last bit. Only languages whose features are the value, exp and ln (the EML family) are batched.

import { ArenaPlan, type KernelExports, instantiateKernels } from '../simd/module';
import { type CompiledLanguage, computeFeaturesInto } from './compiledLanguage';

/** Doubles of the module memory's value, block and fix areas (a batch holds as many rows as fit in all three). */
const VALUE_DOUBLES = 1 << 13, BLOCK_DOUBLES = 3 << 13, FIX_ENTRIES = 1 << 12;

/**
 * One module instance per thread, shared by every enumerator in it (a WebAssembly memory reserves much address
 * space, so one per enumerator would not do for searches that make thousands). Its areas belong to one batch at a
 * time: a batch that queues rows first flushes whichever batch queued them before.
 */
interface SharedKernels {
  readonly k: KernelExports;
  readonly values: Float64Array;
  readonly block: Float64Array;
  readonly fix: Int32Array;
  owner: FeatureBatch | null;
}

let shared: SharedKernels | null | undefined;

function sharedKernels(): SharedKernels | null {
  if (shared !== undefined) return shared;
  const plan = new ArenaPlan();
  const at = { values: plan.take(VALUE_DOUBLES, 8), block: plan.take(BLOCK_DOUBLES, 8), fix: plan.take(FIX_ENTRIES, 4) };
  const kernels = instantiateKernels(plan.bytes);
  const buf = kernels?.memory.buffer;
  shared = kernels && buf ? {
    k: kernels.exports, owner: null,
    values: new Float64Array(buf, at.values, VALUE_DOUBLES), block: new Float64Array(buf, at.block, BLOCK_DOUBLES),
    fix: new Int32Array(buf, at.fix, FIX_ENTRIES),
  } : null;
  return shared;
}

export class FeatureBatch {
  private readonly twoP: number;
  /** Rows per batch. */
  private readonly capacity: number;
  private readonly offsets: { id: number; exp: number; ln: number };
  /** The features array the batch's rows belong to, its first row's offset, and the rows so far. */
  private target: Float64Array | null = null;
  private first = 0;
  private n = 0;

  private constructor(private readonly lang: CompiledLanguage, private readonly sh: SharedKernels) {
    const P = lang.probes;
    this.twoP = 2 * P;
    this.capacity = Math.min(Math.floor(VALUE_DOUBLES / (2 * P)), Math.floor(BLOCK_DOUBLES / lang.stride), Math.floor(FIX_ENTRIES / P));
    const offset = (kind: string): number => {
      const f = lang.features.findIndex((x) => x.kind === kind);
      return f < 0 ? -1 : f * 2 * P;
    };
    this.offsets = { id: offset('identity'), exp: offset('exp'), ln: offset('ln') };
  }

  /** A batch for the language, or null where it has other features or the module cannot run here. */
  static create(lang: CompiledLanguage): FeatureBatch | null {
    if (lang.features.some((f) => f.kind === 'program')) return null;
    const sh = sharedKernels();
    if (!sh || 2 * lang.probes > VALUE_DOUBLES || lang.stride > BLOCK_DOUBLES) return null;
    return new FeatureBatch(lang, sh);
  }

  /** Queues the value v (2P doubles) of the row at offset `row` of `out`; its features are written by flush(). */
  add(out: Float64Array, row: number, v: Float64Array): void {
    const sh = this.sh;
    if (sh.owner !== this) {
      sh.owner?.flush();
      sh.owner = this;
    }
    if (out !== this.target || row !== this.first + this.n * this.lang.stride || this.n === this.capacity) {
      this.flush();
      this.target = out;
      this.first = row;
    }
    const values = sh.values, twoP = this.twoP, o = this.n++ * twoP;
    for (let i = 0; i < twoP; i++) values[o + i] = v[i]!;
  }

  /** Writes the features of every queued row. */
  flush(): void {
    const n = this.n, out = this.target;
    this.target = null; // hold no segment beyond the batch (a slice's compaction may drop it)
    if (n === 0 || out === null) return;
    this.n = 0;
    const lang = this.lang, P = lang.probes, stride = lang.stride, o = this.offsets, sh = this.sh;
    const nfix = sh.k.emlFeatures(sh.values.byteOffset, sh.block.byteOffset, n, P, stride, o.id, o.exp, o.ln,
      lang.semantics === 'extended' ? 1 : 0, sh.fix.byteOffset);
    out.set(sh.block.subarray(0, n * stride), this.first);
    // the lanes left to the host come in row order: each such row once more, all of it, by the scalar path
    for (let f = 0, done = -1; f < nfix; f++) {
      const r = Math.floor(sh.fix[f]! / P);
      if (r === done) continue;
      done = r;
      computeFeaturesInto(lang, sh.values, r * this.twoP, out, this.first + r * stride);
    }
  }

  /** Drops the queued rows (a grow call that stopped). */
  discard(): void {
    this.n = 0;
    this.target = null;
  }
}
