// The paper's master tree (src/core/train/tape.ts) on f64x2 lanes: leaves, gated EML nodes (the real fast path and
// the complex path), their backward passes and the leaves' backward sums, over planes that live in this module's
// memory at addresses the host sets once (setup). Same contracts as tape.ts and kernels.ts; the sums run over two
// lanes, so results may differ from the scalar path in the last bits.

import { sel, sp, vatan2, vexp, vlog } from './vmath';

// ---- the workspace, set by setup(): byte addresses of the planes and the tree's shape
let N: i32 = 0, LEAVES: i32 = 0, NODES: i32 = 0, SLOTS: i32 = 0, CHOICES: i32 = 0, DEPTH: i32 = 0;
let LEFT: usize = 0, RIGHT: usize = 0, LEVEL: usize = 0;
let VRE: usize = 0, VIM: usize = 0, ERE: usize = 0, EIM: usize = 0, BRE: usize = 0, BIM: usize = 0, MASK: usize = 0;
let REAL: usize = 0, PROBS: usize = 0, GATE: usize = 0, INPUTS: usize = 0;
let GRE: usize = 0, GIM: usize = 0, GATEGRAD: usize = 0, LEAFGRAD: usize = 0;

/** Records the shape and the planes' addresses (i32 arrays left/right/level; f64 planes; u8 mask and real flags). */
export function setup(
  n: i32, leaves: i32, nodes: i32, choices: i32, depth: i32, left: usize, right: usize, level: usize,
  vRe: usize, vIm: usize, eRe: usize, eIm: usize, bRe: usize, bIm: usize, mask: usize, real: usize,
  probs: usize, gate: usize, inputs: usize, gRe: usize, gIm: usize, gateGrad: usize, leafGrad: usize,
): void {
  N = n; LEAVES = leaves; NODES = nodes; SLOTS = leaves + nodes; CHOICES = choices; DEPTH = depth;
  LEFT = left; RIGHT = right; LEVEL = level;
  VRE = vRe; VIM = vIm; ERE = eRe; EIM = eIm; BRE = bRe; BIM = bIm; MASK = mask; REAL = real;
  PROBS = probs; GATE = gate; INPUTS = inputs; GRE = gRe; GIM = gIm; GATEGRAD = gateGrad; LEAFGRAD = leafGrad;
}

/** Loads two doubles, or one into both lanes (lanes = 1: the odd point at the end). */
// @ts-ignore: decorator
@inline function ld(p: usize, lanes: i32): v128 { return lanes == 2 ? v128.load(p) : f64x2.splat(load<f64>(p)); }
// @ts-ignore: decorator
@inline function st(p: usize, v: v128, lanes: i32): void {
  if (lanes == 2) v128.store(p, v); else store<f64>(p, f64x2.extract_lane(v, 0));
}
/** Sum of the lanes that hold points. */
// @ts-ignore: decorator
@inline function hsum(v: v128, lanes: i32): f64 {
  return lanes == 2 ? f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1) : f64x2.extract_lane(v, 0);
}
// @ts-ignore: decorator
@inline function allTrue(m: v128): bool { return i64x2.all_true(m); }
// @ts-ignore: decorator
@inline function anyTrue(m: v128): bool { return v128.any_true(m); }

// ---- leaves

function leavesForward(slotBase: i32, pBase: i32): void {
  const n = N, C = CHOICES;
  for (let leaf = 0; leaf < LEAVES; leaf++) {
    const out = VRE + (<usize>(slotBase + leaf * n) << 3), po = PROBS + (<usize>(pBase + leaf * C) << 3);
    const p0 = sp(load<f64>(po));
    let i = 0;
    for (; i + 2 <= n; i += 2) {
      let acc = p0;
      for (let j = 1; j < C; j++) acc = f64x2.add(acc, f64x2.mul(sp(load<f64>(po + (<usize>j << 3))), v128.load(INPUTS + (<usize>((j - 1) * n + i) << 3))));
      v128.store(out + (<usize>i << 3), acc);
    }
    if (i < n) {
      let acc = load<f64>(po);
      for (let j = 1; j < C; j++) acc += load<f64>(po + (<usize>j << 3)) * load<f64>(INPUTS + (<usize>((j - 1) * n + i) << 3));
      store<f64>(out + (<usize>i << 3), acc);
    }
  }
}

/** Writes Σ_i g_i·col_j(i) of every leaf into LEAFGRAD[leaf·C + j] (col_0 = 1). */
function leavesBackward(): void {
  const n = N, C = CHOICES;
  for (let leaf = 0; leaf < LEAVES; leaf++) {
    const g = GRE + (<usize>(leaf * n) << 3), out = LEAFGRAD + (<usize>(leaf * C) << 3);
    for (let j = 0; j < C; j++) {
      let acc = sp(0.0);
      let i = 0;
      if (j == 0) for (; i + 2 <= n; i += 2) acc = f64x2.add(acc, v128.load(g + (<usize>i << 3)));
      else {
        const col = INPUTS + (<usize>((j - 1) * n) << 3);
        for (; i + 2 <= n; i += 2) acc = f64x2.add(acc, f64x2.mul(v128.load(g + (<usize>i << 3)), v128.load(col + (<usize>i << 3))));
      }
      let s = hsum(acc, 2);
      if (i < n) s += load<f64>(g + (<usize>i << 3)) * (j == 0 ? 1.0 : load<f64>(INPUTS + (<usize>((j - 1) * n + i) << 3)));
      store<f64>(out + (<usize>j << 3), s);
    }
  }
}

// ---- real fast path: both children real, b > 0 and z within ±clamp at every point, else −1

// @ts-ignore: decorator
@inline function realStep(
  lanes: i32, i: i32, out: i32, c: i32, d: i32, t: i32, sL: f64, omL: f64, sR: f64, omR: f64, clamp: f64, thr: f64,
): f64 {
  const o = <usize>i << 3;
  const br = omR == 0 ? sp(1.0) : f64x2.add(sp(sR), f64x2.mul(sp(omR), ld(VRE + (<usize>d << 3) + o, lanes)));
  if (!allTrue(f64x2.gt(br, sp(0.0)))) return -1;
  const er = omL == 0 ? sp(Math.E) : vexp(f64x2.add(sp(sL), f64x2.mul(sp(omL), ld(VRE + (<usize>c << 3) + o, lanes))));
  const zr = omR == 0 ? er : f64x2.sub(er, vlog(br));
  let pen: f64 = 0;
  const inThr = v128.and(f64x2.ge(zr, sp(-thr)), f64x2.le(zr, sp(thr)));
  if (!allTrue(inThr)) {
    if (!allTrue(v128.and(f64x2.ge(zr, sp(-clamp)), f64x2.le(zr, sp(clamp))))) return -1;
    const r = sel(sp(0.0), f64x2.sub(f64x2.abs(zr), sp(thr)), inThr);
    pen = hsum(f64x2.mul(r, r), lanes);
  }
  st(VRE + (<usize>out << 3) + o, zr, lanes);
  st(ERE + (<usize>t << 3) + o, er, lanes);
  return pen;
}

function nodeForwardReal(out: i32, c: i32, d: i32, t: i32, sL: f64, sR: f64, clamp: f64, thr: f64, imIsZero: bool): f64 {
  const n = N;
  const omL = sL == 1 ? 0 : 1 - sL, omR = sR == 1 ? 0 : 1 - sR;
  let penalty: f64 = 0;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const p = realStep(2, i, out, c, d, t, sL, omL, sR, omR, clamp, thr);
    if (p < 0) return -1;
    penalty += p;
  }
  if (i < n) {
    const p = realStep(1, i, out, c, d, t, sL, omL, sR, omR, clamp, thr);
    if (p < 0) return -1;
    penalty += p;
  }
  if (!imIsZero) memory.fill(VIM + (<usize>out << 3), 0, <usize>n << 3);
  return penalty;
}

// ---- complex path

/** cos or sin of both lanes, lane by lane (the module's scalar functions; needed only where an angle is not 0). */
// @ts-ignore: decorator
@inline function laneCosSin(ai: v128, wantSin: bool): v128 {
  const a0 = f64x2.extract_lane(ai, 0), a1 = f64x2.extract_lane(ai, 1);
  return wantSin ? f64x2(Math.sin(a0), Math.sin(a1)) : f64x2(Math.cos(a0), Math.cos(a1));
}

// @ts-ignore: decorator
@inline function complexStep(
  lanes: i32, i: i32, out: i32, c: i32, d: i32, t: i32, sL: f64, omL: f64, sR: f64, omR: f64, clamp: f64, thr: f64,
): f64 {
  const o = <usize>i << 3;
  const cA = (<usize>c << 3) + o, dA = (<usize>d << 3) + o;
  const ar = f64x2.add(sp(sL), f64x2.mul(sp(omL), ld(VRE + cA, lanes))), ai = f64x2.mul(sp(omL), ld(VIM + cA, lanes));
  const br = f64x2.add(sp(sR), f64x2.mul(sp(omR), ld(VRE + dA, lanes))), bi = f64x2.mul(sp(omR), ld(VIM + dA, lanes));
  // exp(a): cos/sin only where the angle is not 0
  const m = vexp(ar);
  let er = m, ei = sp(0.0);
  const aiZero = f64x2.eq(ai, sp(0.0));
  if (!allTrue(aiZero)) {
    er = sel(m, f64x2.mul(m, laneCosSin(ai, false)), aiZero);
    ei = sel(sp(0.0), f64x2.mul(m, laneCosSin(ai, true)), aiZero);
  }
  // ln(b): on the real axis ln|b| and 0 or π (a −0 imaginary part reads as +0); elsewhere ½ln|b|² and atan2
  const biZero = f64x2.eq(bi, sp(0.0));
  let lr: v128, li: v128;
  if (allTrue(biZero)) {
    lr = vlog(f64x2.abs(br));
    li = sel(sp(Math.PI), sp(0.0), f64x2.lt(br, sp(0.0)));
  } else {
    const q = f64x2.add(f64x2.mul(br, br), f64x2.mul(bi, bi));
    let lb = f64x2.mul(sp(0.5), vlog(q));
    const inRange = v128.and(f64x2.gt(q, sp(1e-290)), f64x2.lt(q, sp(1e290)));
    if (!allTrue(v128.or(inRange, biZero))) {
      const h = f64x2(
        Math.log(Math.hypot(f64x2.extract_lane(br, 0), f64x2.extract_lane(bi, 0))),
        Math.log(Math.hypot(f64x2.extract_lane(br, 1), f64x2.extract_lane(bi, 1))),
      );
      lb = sel(lb, h, inRange);
    }
    const la = vatan2(bi, br);
    lr = sel(vlog(f64x2.abs(br)), lb, biZero);
    li = sel(sel(sp(Math.PI), sp(0.0), f64x2.lt(br, sp(0.0))), la, biZero);
  }
  let zr = f64x2.sub(er, lr), zi = f64x2.sub(ei, li);
  // scrub: NaN → 0, beyond ±clamp → ±clamp; the mask records which parts were scrubbed
  const okR = v128.and(f64x2.ge(zr, sp(-clamp)), f64x2.le(zr, sp(clamp)));
  const okI = v128.and(f64x2.ge(zi, sp(-clamp)), f64x2.le(zi, sp(clamp)));
  let mk0: u8 = 0, mk1: u8 = 0;
  if (!allTrue(v128.and(okR, okI))) {
    const fixR = sel(sp(clamp), sp(-clamp), f64x2.gt(zr, sp(0.0)));
    zr = sel(zr, sel(fixR, sp(0.0), f64x2.eq(zr, zr)), okR);
    const fixI = sel(sp(clamp), sp(-clamp), f64x2.gt(zi, sp(0.0)));
    zi = sel(zi, sel(fixI, sp(0.0), f64x2.eq(zi, zi)), okI);
    mk0 = <u8>((i64x2.extract_lane(okR, 0) == 0 ? 1 : 0) | (i64x2.extract_lane(okI, 0) == 0 ? 2 : 0));
    mk1 = <u8>((i64x2.extract_lane(okR, 1) == 0 ? 1 : 0) | (i64x2.extract_lane(okI, 1) == 0 ? 2 : 0));
  }
  st(VRE + (<usize>out << 3) + o, zr, lanes); st(VIM + (<usize>out << 3) + o, zi, lanes);
  const tA = (<usize>t << 3) + o;
  st(ERE + tA, er, lanes); st(EIM + tA, ei, lanes); st(BRE + tA, br, lanes); st(BIM + tA, bi, lanes);
  store<u8>(MASK + <usize>t + <usize>i, mk0);
  if (lanes == 2) store<u8>(MASK + <usize>t + <usize>i + 1, mk1);
  const r2 = f64x2.add(f64x2.mul(zr, zr), f64x2.mul(zi, zi));
  const over = f64x2.gt(r2, sp(thr * thr));
  if (!anyTrue(over)) return 0;
  const r = sel(f64x2.sub(f64x2.sqrt(r2), sp(thr)), sp(0.0), over);
  return hsum(f64x2.mul(r, r), lanes);
}

function nodeForwardComplex(out: i32, c: i32, d: i32, t: i32, sL: f64, sR: f64, clamp: f64, thr: f64): f64 {
  const n = N;
  const omL = sL == 1 ? 0 : 1 - sL, omR = sR == 1 ? 0 : 1 - sR;
  let penalty: f64 = 0;
  let i = 0;
  for (; i + 2 <= n; i += 2) penalty += complexStep(2, i, out, c, d, t, sL, omL, sR, omR, clamp, thr);
  if (i < n) penalty += complexStep(1, i, out, c, d, t, sL, omL, sR, omR, clamp, thr);
  return penalty;
}

/**
 * Forward pass of seed slot s: leaves from PROBS, nodes gated by GATE (effective gate values, exactly 1 for a bypass).
 * Updates the real-path flags; returns the intermediate penalty I (already divided by the depth).
 */
export function forward(s: i32, clamp: f64, thr: f64): f64 {
  const n = N, slotBase = s * SLOTS * n, nodeBase = s * NODES * n, rBase = s * NODES, gBase = s * NODES * 2;
  leavesForward(slotBase, s * LEAVES * CHOICES);
  let inter: f64 = 0, levelSum: f64 = 0, level = DEPTH - 1;
  for (let k = 0; k < NODES; k++) {
    const lk = load<i32>(LEVEL + (<usize>k << 2));
    if (lk != level) { inter += levelSum / (<f64>(1 << level) * <f64>n); levelSum = 0; level = lk; }
    const ls = load<i32>(LEFT + (<usize>k << 2)), rs = load<i32>(RIGHT + (<usize>k << 2));
    const out = slotBase + (LEAVES + k) * n, c = slotBase + ls * n, d = slotBase + rs * n, t = nodeBase + k * n;
    const sL = load<f64>(GATE + (<usize>(gBase + 2 * k) << 3)), sR = load<f64>(GATE + (<usize>(gBase + 2 * k + 1) << 3));
    const lc = ls - LEAVES, rc = rs - LEAVES;
    const realChildren = (lc < 0 || load<u8>(REAL + <usize>(rBase + lc)) == 1) && (rc < 0 || load<u8>(REAL + <usize>(rBase + rc)) == 1);
    const wasReal = load<u8>(REAL + <usize>(rBase + k)) == 1;
    let share: f64 = realChildren ? nodeForwardReal(out, c, d, t, sL, sR, clamp, thr, wasReal) : -1;
    store<u8>(REAL + <usize>(rBase + k), share >= 0 ? 1 : 0);
    if (share < 0) share = nodeForwardComplex(out, c, d, t, sL, sR, clamp, thr);
    levelSum += share;
  }
  inter += levelSum / <f64>n;
  return inter / <f64>DEPTH;
}

// ---- backward

/** The two gate-gradient sums of the node being walked back, lane-wise (lane 1 stays 0 for the odd last point). */
let ACC_L: v128 = f64x2.splat(0.0), ACC_R: v128 = f64x2.splat(0.0);

// @ts-ignore: decorator
@inline function accumulate(l: v128, r: v128, lanes: i32): void {
  ACC_L = f64x2.add(ACC_L, lanes == 2 ? l : f64x2.replace_lane(l, 1, 0.0));
  ACC_R = f64x2.add(ACC_R, lanes == 2 ? r : f64x2.replace_lane(r, 1, 0.0));
}

// @ts-ignore: decorator
@inline function realBackStep(
  lanes: i32, i: i32, vShift: i32, out: i32, c: i32, d: i32, t: i32, sR: f64, omL: f64, omR: f64, thr: f64, w: f64,
): void {
  const o = <usize>i << 3;
  let gr = ld(GRE + (<usize>out << 3) + o, lanes);
  if (w != 0) {
    const zr = ld(VRE + (<usize>(vShift + out) << 3) + o, lanes);
    const inThr = v128.and(f64x2.ge(zr, sp(-thr)), f64x2.le(zr, sp(thr)));
    if (!allTrue(inThr)) {
      const ex = sel(f64x2.sub(zr, sp(thr)), f64x2.add(zr, sp(thr)), f64x2.gt(zr, sp(0.0)));
      gr = sel(gr, f64x2.add(gr, f64x2.mul(sp(2 * w), ex)), inThr);
    }
  }
  // b is recomputed from the child's value as the forward pass formed it
  const vc = ld(VRE + (<usize>(vShift + c) << 3) + o, lanes), vd = ld(VRE + (<usize>(vShift + d) << 3) + o, lanes);
  const br = omR == 0 ? sp(1.0) : f64x2.add(sp(sR), f64x2.mul(sp(omR), vd));
  const gar = f64x2.mul(gr, ld(ERE + (<usize>t << 3) + o, lanes)), gbr = f64x2.neg(f64x2.div(gr, br));
  st(GRE + (<usize>c << 3) + o, f64x2.mul(sp(omL), gar), lanes);
  st(GRE + (<usize>d << 3) + o, f64x2.mul(sp(omR), gbr), lanes);
  accumulate(f64x2.mul(gar, f64x2.sub(sp(1.0), vc)), f64x2.mul(gbr, f64x2.sub(sp(1.0), vd)), lanes);
}

function nodeBackwardReal(k: i32, vShift: i32, out: i32, c: i32, d: i32, t: i32, sL: f64, sR: f64, thr: f64, w: f64): void {
  const n = N;
  const omL = sL == 1 ? 0 : 1 - sL, omR = sR == 1 ? 0 : 1 - sR;
  ACC_L = sp(0.0); ACC_R = sp(0.0);
  let i = 0;
  for (; i + 2 <= n; i += 2) realBackStep(2, i, vShift, out, c, d, t, sR, omL, omR, thr, w);
  if (i < n) realBackStep(1, i, vShift, out, c, d, t, sR, omL, omR, thr, w);
  store<f64>(GATEGRAD + (<usize>(2 * k) << 3), omL == 0 ? 0 : hsum(ACC_L, 2));
  store<f64>(GATEGRAD + (<usize>(2 * k + 1) << 3), omR == 0 ? 0 : hsum(ACC_R, 2));
}

/** Lanes where the mask byte has bit `bit` set, as a v128 mask. */
// @ts-ignore: decorator
@inline function maskBit(p: usize, lanes: i32, bit: u8): v128 {
  const m0: i64 = (load<u8>(p) & bit) != 0 ? -1 : 0;
  const m1: i64 = lanes == 2 ? ((load<u8>(p + 1) & bit) != 0 ? -1 : 0) : m0;
  return i64x2(m0, m1);
}

// @ts-ignore: decorator
@inline function complexBackStep(
  lanes: i32, i: i32, vShift: i32, out: i32, c: i32, d: i32, t: i32, omL: f64, omR: f64, thr: f64, w: f64,
): void {
  const o = <usize>i << 3;
  let gr = ld(GRE + (<usize>out << 3) + o, lanes), gi = ld(GIM + (<usize>out << 3) + o, lanes);
  if (w != 0) {
    const zr = ld(VRE + (<usize>(vShift + out) << 3) + o, lanes), zi = ld(VIM + (<usize>(vShift + out) << 3) + o, lanes);
    const r2 = f64x2.add(f64x2.mul(zr, zr), f64x2.mul(zi, zi));
    const over = f64x2.gt(r2, sp(thr * thr));
    if (anyTrue(over)) {
      const r = f64x2.sqrt(r2);
      const f = f64x2.div(f64x2.mul(sp(2 * w), f64x2.sub(r, sp(thr))), r);
      gr = sel(f64x2.add(gr, f64x2.mul(f, zr)), gr, over);
      gi = sel(f64x2.add(gi, f64x2.mul(f, zi)), gi, over);
    }
  }
  const mp = MASK + <usize>t + <usize>i;
  if (load<u8>(mp) != 0 || (lanes == 2 && load<u8>(mp + 1) != 0)) {
    gr = sel(sp(0.0), gr, maskBit(mp, lanes, 1));
    gi = sel(sp(0.0), gi, maskBit(mp, lanes, 2));
  }
  const zero = v128.and(f64x2.eq(gr, sp(0.0)), f64x2.eq(gi, sp(0.0)));
  const tA = (<usize>t << 3) + o;
  const er = ld(ERE + tA, lanes), ei = ld(EIM + tA, lanes), br = ld(BRE + tA, lanes), bi = ld(BIM + tA, lanes);
  // ∂/∂a = g·conj(exp a); ∂/∂b = −g·b/|b|² (on the real axis −g/b)
  let gar = f64x2.add(f64x2.mul(gr, er), f64x2.mul(gi, ei)), gai = f64x2.sub(f64x2.mul(gi, er), f64x2.mul(gr, ei));
  const q = f64x2.add(f64x2.mul(br, br), f64x2.mul(bi, bi));
  const biZero = f64x2.eq(bi, sp(0.0));
  let gbr = sel(f64x2.neg(f64x2.div(gr, br)), f64x2.neg(f64x2.div(f64x2.sub(f64x2.mul(gr, br), f64x2.mul(gi, bi)), q)), biZero);
  let gbi = sel(f64x2.neg(f64x2.div(gi, br)), f64x2.neg(f64x2.div(f64x2.add(f64x2.mul(gr, bi), f64x2.mul(gi, br)), q)), biZero);
  // a point whose gradient is zero passes zeros and adds nothing to the gates, even where 1 − v is not finite
  gar = sel(sp(0.0), gar, zero); gai = sel(sp(0.0), gai, zero); gbr = sel(sp(0.0), gbr, zero); gbi = sel(sp(0.0), gbi, zero);
  const cA = (<usize>c << 3) + o, dA = (<usize>d << 3) + o;
  st(GRE + cA, f64x2.mul(sp(omL), gar), lanes); st(GIM + cA, f64x2.mul(sp(omL), gai), lanes);
  st(GRE + dA, f64x2.mul(sp(omR), gbr), lanes); st(GIM + dA, f64x2.mul(sp(omR), gbi), lanes);
  const vcA = (<usize>(vShift + c) << 3) + o, vdA = (<usize>(vShift + d) << 3) + o;
  const lt = f64x2.sub(f64x2.mul(gar, f64x2.sub(sp(1.0), ld(VRE + vcA, lanes))), f64x2.mul(gai, ld(VIM + vcA, lanes)));
  const rt = f64x2.sub(f64x2.mul(gbr, f64x2.sub(sp(1.0), ld(VRE + vdA, lanes))), f64x2.mul(gbi, ld(VIM + vdA, lanes)));
  accumulate(sel(sp(0.0), lt, zero), sel(sp(0.0), rt, zero), lanes);
}

function nodeBackwardComplex(k: i32, vShift: i32, out: i32, c: i32, d: i32, t: i32, sL: f64, sR: f64, thr: f64, w: f64): void {
  const n = N;
  const omL = sL == 1 ? 0 : 1 - sL, omR = sR == 1 ? 0 : 1 - sR;
  ACC_L = sp(0.0); ACC_R = sp(0.0);
  let i = 0;
  for (; i + 2 <= n; i += 2) complexBackStep(2, i, vShift, out, c, d, t, omL, omR, thr, w);
  if (i < n) complexBackStep(1, i, vShift, out, c, d, t, omL, omR, thr, w);
  store<f64>(GATEGRAD + (<usize>(2 * k) << 3), omL == 0 ? 0 : hsum(ACC_L, 2));
  store<f64>(GATEGRAD + (<usize>(2 * k + 1) << 3), omR == 0 ? 0 : hsum(ACC_R, 2));
}

/**
 * Reverse walk of seed slot s after forward(s): the root's gradient must already be in GRE/GIM (slot-indexed, no seed
 * offset). Writes each node's gate gradients into GATEGRAD[2k], [2k + 1] and each leaf's column sums into LEAFGRAD.
 */
export function backward(s: i32, thr: f64, lamInter: f64): void {
  const n = N, slotBase = s * SLOTS * n, nodeBase = s * NODES * n, rBase = s * NODES, gBase = s * NODES * 2;
  for (let k = NODES - 1; k >= 0; k--) {
    const lk = load<i32>(LEVEL + (<usize>k << 2));
    const w = lamInter / (<f64>DEPTH * <f64>(1 << lk) * <f64>n);
    const sL = load<f64>(GATE + (<usize>(gBase + 2 * k) << 3)), sR = load<f64>(GATE + (<usize>(gBase + 2 * k + 1) << 3));
    const out = (LEAVES + k) * n, c = load<i32>(LEFT + (<usize>k << 2)) * n, d = load<i32>(RIGHT + (<usize>k << 2)) * n;
    if (load<u8>(REAL + <usize>(rBase + k)) == 1) nodeBackwardReal(k, slotBase, out, c, d, nodeBase + k * n, sL, sR, thr, w);
    else nodeBackwardComplex(k, slotBase, out, c, d, nodeBase + k * n, sL, sR, thr, w);
  }
  leavesBackward();
}

// ---- single nodes, for the general master tree (src/core/train/generalTape.ts), whose inputs are blended in
// TypeScript: element offsets into the planes set by setup(); gate gradients (unused there) go to GATEGRAD[0], [1].

/** One node's forward on the real fast path (−1: the caller takes nodeComplexForward). */
export function nodeRealForward(out: i32, c: i32, d: i32, t: i32, sL: f64, sR: f64, clamp: f64, thr: f64, imIsZero: bool): f64 {
  return nodeForwardReal(out, c, d, t, sL, sR, clamp, thr, imIsZero);
}

/** One node's forward on the complex path; returns its penalty share. */
export function nodeComplexForward(out: i32, c: i32, d: i32, t: i32, sL: f64, sR: f64, clamp: f64, thr: f64): f64 {
  return nodeForwardComplex(out, c, d, t, sL, sR, clamp, thr);
}

/** One node's backward (real fast path): WRITES the children's gradients; values read at vShift + offset. */
export function nodeRealBackward(vShift: i32, out: i32, c: i32, d: i32, t: i32, sL: f64, sR: f64, thr: f64, w: f64): void {
  nodeBackwardReal(0, vShift, out, c, d, t, sL, sR, thr, w);
}

/** One node's backward (complex path). */
export function nodeComplexBackward(vShift: i32, out: i32, c: i32, d: i32, t: i32, sL: f64, sR: f64, thr: f64, w: f64): void {
  nodeBackwardComplex(0, vShift, out, c, d, t, sL, sR, thr, w);
}
