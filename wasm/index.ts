// The WebAssembly SIMD module's exports: the master tree's kernels (tape.ts), the enumeration's node features
// (features.ts) and array forms of the vectorised functions (vmath.ts), which the accuracy tests call.

import { VCOS, VSIN, vatan2, vexp, vlog, vsincos } from './vmath';
export { setup, forward, backward, nodeRealForward, nodeComplexForward, nodeRealBackward, nodeComplexBackward } from './tape';
export { emlFeatures } from './features';

/** dst[i] = exp(src[i]) for i < n (f64 arrays at byte addresses). */
export function expArray(src: usize, dst: usize, n: i32): void {
  let i = 0;
  for (; i + 2 <= n; i += 2) v128.store(dst + (<usize>i << 3), vexp(v128.load(src + (<usize>i << 3))));
  if (i < n) store<f64>(dst + (<usize>i << 3), f64x2.extract_lane(vexp(f64x2.splat(load<f64>(src + (<usize>i << 3)))), 0));
}

/** dst[i] = log(src[i]) for i < n. */
export function logArray(src: usize, dst: usize, n: i32): void {
  let i = 0;
  for (; i + 2 <= n; i += 2) v128.store(dst + (<usize>i << 3), vlog(v128.load(src + (<usize>i << 3))));
  if (i < n) store<f64>(dst + (<usize>i << 3), f64x2.extract_lane(vlog(f64x2.splat(load<f64>(src + (<usize>i << 3)))), 0));
}

/** dst[i] = atan2(y[i], x[i]) for i < n. */
export function atan2Array(y: usize, x: usize, dst: usize, n: i32): void {
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    v128.store(dst + (<usize>i << 3), vatan2(v128.load(y + (<usize>i << 3)), v128.load(x + (<usize>i << 3))));
  }
  if (i < n) {
    const r = vatan2(f64x2.splat(load<f64>(y + (<usize>i << 3))), f64x2.splat(load<f64>(x + (<usize>i << 3))));
    store<f64>(dst + (<usize>i << 3), f64x2.extract_lane(r, 0));
  }
}

/** dstSin[i] = sin(src[i]) and dstCos[i] = cos(src[i]) for i < n. */
export function sinCosArray(src: usize, dstSin: usize, dstCos: usize, n: i32): void {
  for (let i = 0; i < n; i += 2) {
    const o = <usize>i << 3;
    const two = i + 1 < n;
    vsincos(two ? v128.load(src + o) : f64x2.splat(load<f64>(src + o)));
    if (two) { v128.store(dstSin + o, VSIN); v128.store(dstCos + o, VCOS); }
    else { store<f64>(dstSin + o, f64x2.extract_lane(VSIN, 0)); store<f64>(dstCos + o, f64x2.extract_lane(VCOS, 0)); }
  }
}
