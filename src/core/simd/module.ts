// The WebAssembly SIMD kernels (built from wasm/*.ts by scripts/build-wasm.mjs): the module is compiled once per
// thread, and each workspace gets its own instance over its own memory. Where WebAssembly SIMD is not available
// (or the module cannot be compiled synchronously, as on a browser's main thread) simdModule() returns null and
// callers keep the scalar kernels.

import { KERNELS_RESERVED_BYTES, KERNELS_WASM_BASE64 } from './kernelsWasm.generated';

/** The module's exports (byte addresses into the instance's memory; see wasm/tape.ts and wasm/index.ts). */
export interface KernelExports {
  setup(
    n: number, leaves: number, nodes: number, choices: number, depth: number, left: number, right: number, level: number,
    vRe: number, vIm: number, eRe: number, eIm: number, bRe: number, bIm: number, mask: number, real: number,
    probs: number, gate: number, inputs: number, gRe: number, gIm: number, gateGrad: number, leafGrad: number,
  ): void;
  forward(s: number, clamp: number, threshold: number): number;
  backward(s: number, threshold: number, lamInter: number): void;
  /** Single nodes (the general form): element offsets; see wasm/tape.ts. */
  nodeRealForward(out: number, c: number, d: number, t: number, sL: number, sR: number, clamp: number, threshold: number, imIsZero: number): number;
  nodeComplexForward(out: number, c: number, d: number, t: number, sL: number, sR: number, clamp: number, threshold: number): number;
  nodeRealBackward(vShift: number, out: number, c: number, d: number, t: number, sL: number, sR: number, threshold: number, w: number): void;
  nodeComplexBackward(vShift: number, out: number, c: number, d: number, t: number, sL: number, sR: number, threshold: number, w: number): void;
  expArray(src: number, dst: number, n: number): void;
  logArray(src: number, dst: number, n: number): void;
  atan2Array(y: number, x: number, dst: number, n: number): void;
  sinCosArray(src: number, dstSin: number, dstCos: number, n: number): void;
  /** The enumeration's node features for a batch of values (byte addresses; offsets in doubles); see wasm/features.ts. */
  emlFeatures(src: number, dst: number, rows: number, probes: number, stride: number, idOff: number, expOff: number, lnOff: number,
    extended: number, fix: number): number;
}

/** Bytes below which the module keeps its own data; a host places its arrays from here up. */
export const RESERVED_BYTES = KERNELS_RESERVED_BYTES;
const PAGE = 65536;
/** The most memory one instance may take (wasm32 addresses up to 4 GiB; stay well below). */
const MAX_BYTES = 2 ** 31;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes standard base64 (with = padding). */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0, acc = 0, o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = B64.indexOf(clean[i]!);
    if (v < 0) throw new Error(`base64: unexpected character at ${i}`);
    acc = (acc << 6) | v; bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 255; }
  }
  return out;
}

let compiled: WebAssembly.Module | null | undefined;

/** Returns the compiled module, or null where it cannot run (no WebAssembly, no SIMD, no synchronous compile). */
export function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = typeof WebAssembly === 'undefined' ? null : decodeBase64(KERNELS_WASM_BASE64);
    compiled = bytes && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null; // a main browser thread refuses to compile a module of this size synchronously
  }
  return compiled;
}

/** An instance over a fresh memory of at least `bytes` bytes above the reserved area; null without SIMD or beyond MAX_BYTES. */
export function instantiateKernels(bytes: number): { exports: KernelExports; memory: WebAssembly.Memory } | null {
  const mod = simdModule();
  const total = RESERVED_BYTES + bytes;
  if (!mod || total > MAX_BYTES) return null;
  const pages = Math.ceil(total / PAGE);
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  } catch {
    return null;
  }
  const instance = new WebAssembly.Instance(mod, { env: { memory } });
  return { exports: instance.exports as unknown as KernelExports, memory };
}

/** Hands out 16-byte aligned byte ranges from RESERVED_BYTES up (a plan first, then views on the memory). */
export class ArenaPlan {
  private top = RESERVED_BYTES;
  /** Reserves `count` elements of `size` bytes; returns the byte address. */
  take(count: number, size: number): number {
    const at = this.top;
    this.top += Math.ceil((count * size) / 16) * 16;
    return at;
  }
  /** Bytes used above the reserved area. */
  get bytes(): number { return this.top - RESERVED_BYTES; }
}
