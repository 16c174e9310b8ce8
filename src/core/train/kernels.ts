// Kernel pairs of the master tree (paper §1.1–1.2), each forward beside its backward, on Float64Array re/im
// planes at caller-given offsets. Convention: g is dLoss/dOut per component (gRe = ∂L/∂Re, gIm = ∂L/∂Im);
// for a holomorphic f the input gradient is g·conj(f'), written out per component. No allocation here.
//
// eml(a, b) = exp(a) − ln(b):   d/da = exp(a),   d/db = −1/b     (principal branch, Arg in (−π, π])
// gated input: in = s·1 + (1 − s)·child on re and im separately (no 0·∞ cross terms); s > 1 − 2^−52 → in = 1
// scrub after every node: NaN → 0, ±∞ → ±clamp, then clamp; a scrubbed component passes no gradient.

/** Sigmoid values above this are a bypass: the input is exactly 1 + 0i (the reference's float64 guard). */
export const BYPASS_THRESHOLD = 1 - 2 ** -52;

/** Returns 1 / (1 + e^−x), written so that neither tail overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * One gated EML node over n points: z = exp(sL + (1−sL)·c) − ln(sR + (1−sR)·d), scrubbed and clamped.
 * Records on the tape exp(a) (eRe/eIm), the right input b (bRe/bIm) and which components were scrubbed
 * (mask bit 1 = re, 2 = im). `sL`/`sR` are the effective gates (exactly 1 for a bypass).
 * Returns Σ relu(|z| − threshold)² over the points (the intermediate-magnitude penalty's share).
 */
export function emlNodeForwardInto(
  vRe: Float64Array, vIm: Float64Array, out: number, c: number, d: number,
  eRe: Float64Array, eIm: Float64Array, bRe: Float64Array, bIm: Float64Array, mask: Uint8Array, t: number,
  sL: number, sR: number, n: number, clamp: number, threshold: number,
): number {
  const omL = sL === 1 ? 0 : 1 - sL, omR = sR === 1 ? 0 : 1 - sR;
  const thr2 = threshold * threshold;
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    const ar = sL + omL * vRe[c + i]!, ai = omL * vIm[c + i]!;
    const br = sR + omR * vRe[d + i]!, bi = omR * vIm[d + i]!;
    // exp(a): the real path skips cos/sin
    const m = Math.exp(ar);
    let er: number, ei: number;
    if (ai === 0) { er = m; ei = 0; } else { er = m * Math.cos(ai); ei = m * Math.sin(ai); }
    // ln(b), principal branch; a −0 imaginary part reads as +0 (so ln(−1) = +iπ)
    let lr: number, li: number;
    if (bi === 0) {
      if (br > 0) { lr = Math.log(br); li = 0; } else { lr = Math.log(-br); li = br < 0 ? Math.PI : 0; }
    } else {
      const q = br * br + bi * bi;
      lr = q > 1e-290 && q < 1e290 ? 0.5 * Math.log(q) : Math.log(Math.hypot(br, bi));
      li = Math.atan2(bi, br);
    }
    let zr = er - lr, zi = ei - li, mk = 0;
    if (!(zr >= -clamp && zr <= clamp)) { mk = 1; zr = zr !== zr ? 0 : zr > 0 ? clamp : -clamp; }
    if (!(zi >= -clamp && zi <= clamp)) { mk |= 2; zi = zi !== zi ? 0 : zi > 0 ? clamp : -clamp; }
    vRe[out + i] = zr; vIm[out + i] = zi;
    eRe[t + i] = er; eIm[t + i] = ei; bRe[t + i] = br; bIm[t + i] = bi; mask[t + i] = mk;
    const r2 = zr * zr + zi * zi;
    if (r2 > thr2) { const r = Math.sqrt(r2) - threshold; penalty += r * r; }
  }
  return penalty;
}

/**
 * Backward of emlNodeForwardInto. Reads the node's output gradient (gRe/gIm at `out`), adds the
 * intermediate penalty's gradient `w · 2(|z| − threshold)·z/|z|`, masks scrubbed components, and WRITES
 * (=) the children's gradients (each child has exactly one parent in a master tree). Returns the gate
 * gradients ∂L/∂sL and ∂L/∂sR in `gs[0]`, `gs[1]` (zero for a bypass). Values are read at the gradient
 * offset + vShift (gradient planes hold one seed, value planes many).
 */
export function emlNodeBackwardInto(
  gRe: Float64Array, gIm: Float64Array, vRe: Float64Array, vIm: Float64Array, vShift: number, out: number, c: number, d: number,
  eRe: Float64Array, eIm: Float64Array, bRe: Float64Array, bIm: Float64Array, mask: Uint8Array, t: number,
  sL: number, sR: number, n: number, threshold: number, w: number, gs: Float64Array,
): void {
  const omL = sL === 1 ? 0 : 1 - sL, omR = sR === 1 ? 0 : 1 - sR;
  const thr2 = threshold * threshold;
  let gsL = 0, gsR = 0;
  for (let i = 0; i < n; i++) {
    let gr = gRe[out + i]!, gi = gIm[out + i]!;
    const zr = vRe[vShift + out + i]!, zi = vIm[vShift + out + i]!;
    const r2 = zr * zr + zi * zi;
    if (r2 > thr2 && w !== 0) { const r = Math.sqrt(r2), f = (2 * w * (r - threshold)) / r; gr += f * zr; gi += f * zi; }
    const mk = mask[t + i]!;
    if (mk !== 0) { if (mk & 1) gr = 0; if (mk & 2) gi = 0; }
    if (gr === 0 && gi === 0) {
      gRe[c + i] = 0; gIm[c + i] = 0; gRe[d + i] = 0; gIm[d + i] = 0;
      continue;
    }
    const er = eRe[t + i]!, ei = eIm[t + i]!, br = bRe[t + i]!, bi = bIm[t + i]!;
    // ∂/∂a = g·conj(exp a)
    const gar = gr * er + gi * ei, gai = gi * er - gr * ei;
    // ∂/∂b = −g·conj(1/b) = −g·b/|b|²
    let gbr: number, gbi: number;
    if (bi === 0) { gbr = -gr / br; gbi = -gi / br; } else {
      const q = br * br + bi * bi;
      gbr = -(gr * br - gi * bi) / q; gbi = -(gr * bi + gi * br) / q;
    }
    // in = s + (1 − s)·child (re), (1 − s)·child (im)
    gRe[c + i] = omL * gar; gIm[c + i] = omL * gai;
    gRe[d + i] = omR * gbr; gIm[d + i] = omR * gbi;
    gsL += gar * (1 - vRe[vShift + c + i]!) - gai * vIm[vShift + c + i]!;
    gsR += gbr * (1 - vRe[vShift + d + i]!) - gbi * vIm[vShift + d + i]!;
  }
  gs[0] = omL === 0 ? 0 : gsL;
  gs[1] = omR === 0 ? 0 : gsR;
}

/**
 * The real fast path of emlNodeForwardInto, for a node whose children are real: exp(a) needs no cos/sin and
 * ln(b) no atan2, and the imaginary planes hold zeros. Returns the penalty share, or −1 (having written
 * partial results) when some point leaves the real path — b ≤ 0 or a value outside ±clamp — so that the caller
 * recomputes the node with emlNodeForwardInto.
 */
export function emlNodeForwardRealInto(
  vRe: Float64Array, vIm: Float64Array, out: number, c: number, d: number,
  eRe: Float64Array, t: number, sL: number, sR: number, n: number, clamp: number, threshold: number, imIsZero: boolean,
): number {
  const omL = sL === 1 ? 0 : 1 - sL, omR = sR === 1 ? 0 : 1 - sR;
  // a bypassed input is exactly 1: exp(1) = e and ln(1) = 0 need no call (Math.exp(1) === Math.E in IEEE)
  const byL = omL === 0, byR = omR === 0;
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    const br = byR ? 1 : sR + omR * vRe[d + i]!;
    if (!(br > 0)) return -1;
    const er = byL ? Math.E : Math.exp(sL + omL * vRe[c + i]!);
    const zr = byR ? er : er - Math.log(br);
    if (!(zr >= -threshold && zr <= threshold)) {
      if (!(zr >= -clamp && zr <= clamp)) return -1;
      const r = Math.abs(zr) - threshold;
      penalty += r * r;
    }
    vRe[out + i] = zr;
    eRe[t + i] = er;
  }
  // the imaginary plane is written only when it may hold a complex pass's values
  if (!imIsZero) vIm.fill(0, out, out + n);
  return penalty;
}

/**
 * Backward of emlNodeForwardRealInto (same contract as emlNodeBackwardInto, but only the children's real
 * gradients are written: a real node's children are real nodes or leaves, whose backward reads gRe alone).
 */
export function emlNodeBackwardRealInto(
  gRe: Float64Array, gIm: Float64Array, vRe: Float64Array, vShift: number, out: number, c: number, d: number,
  eRe: Float64Array, t: number, sL: number, sR: number, n: number, threshold: number, w: number, gs: Float64Array,
): void {
  const omL = sL === 1 ? 0 : 1 - sL, omR = sR === 1 ? 0 : 1 - sR;
  let gsL = 0, gsR = 0;
  for (let i = 0; i < n; i++) {
    let gr = gRe[out + i]!;
    const zr = vRe[vShift + out + i]!;
    if (w !== 0 && !(zr >= -threshold && zr <= threshold)) gr += 2 * w * (zr > 0 ? zr - threshold : zr + threshold);
    // b is recomputed from the child's value exactly as the forward pass formed it (not stored on the tape)
    const vc = vRe[vShift + c + i]!, vd = vRe[vShift + d + i]!;
    const br = omR === 0 ? 1 : sR + omR * vd;
    const gar = gr * eRe[t + i]!, gbr = -gr / br;
    gRe[c + i] = omL * gar;
    gRe[d + i] = omR * gbr;
    gsL += gar * (1 - vc);
    gsR += gbr * (1 - vd);
  }
  gs[0] = omL === 0 ? 0 : gsL;
  gs[1] = omR === 0 ? 0 : gsR;
}

/**
 * One leaf over n points: v = Σ_j p_j·col_j with col_0 = 1 and col_j = input j − 1 (real; im stays 0), summed
 * in that order. `p` holds the leaf's softmax probabilities at offset `po`.
 */
export function leafForwardInto(
  vRe: Float64Array, out: number, p: Float64Array, po: number, inputs: readonly Float64Array[], n: number,
): void {
  const p0 = p[po]!;
  if (inputs.length === 2) {
    // the common two-input case in one pass, with the same additions in the same order as the general loop
    const p1 = p[po + 1]!, p2 = p[po + 2]!, x = inputs[0]!, y = inputs[1]!;
    for (let i = 0; i < n; i++) vRe[out + i] = p0 + p1 * x[i]! + p2 * y[i]!;
    return;
  }
  vRe.fill(p0, out, out + n);
  for (let j = 0; j < inputs.length; j++) {
    const pj = p[po + 1 + j]!, col = inputs[j]!;
    if (pj === 0) continue;
    for (let i = 0; i < n; i++) vRe[out + i] += pj * col[i]!;
  }
}

/** Backward of leafForwardInto: writes ∂L/∂p_j = Σ_i g_i·col_j(i) into gp[gpo + j]. */
export function leafBackwardInto(
  gRe: Float64Array, out: number, inputs: readonly Float64Array[], n: number, gp: Float64Array, gpo: number,
): void {
  if (inputs.length === 2) {
    // one pass, three sums each accumulated in point order (bit-identical to the general loops)
    const x = inputs[0]!, y = inputs[1]!;
    let g0 = 0, g1 = 0, g2 = 0;
    for (let i = 0; i < n; i++) {
      const g = gRe[out + i]!;
      g0 += g; g1 += g * x[i]!; g2 += g * y[i]!;
    }
    gp[gpo] = g0; gp[gpo + 1] = g1; gp[gpo + 2] = g2;
    return;
  }
  let g0 = 0;
  for (let i = 0; i < n; i++) g0 += gRe[out + i]!;
  gp[gpo] = g0;
  for (let j = 0; j < inputs.length; j++) {
    const col = inputs[j]!;
    let gj = 0;
    for (let i = 0; i < n; i++) gj += gRe[out + i]! * col[i]!;
    gp[gpo + 1 + j] = gj;
  }
}

/** Writes softmax(logits[lo..lo+k) / tau) into p[po..po+k). */
export function softmaxInto(p: Float64Array, po: number, logits: Float64Array, lo: number, k: number, tau: number): void {
  let max = -Infinity;
  for (let j = 0; j < k; j++) { const v = logits[lo + j]! / tau; if (v > max) max = v; }
  let sum = 0;
  for (let j = 0; j < k; j++) { const e = Math.exp(logits[lo + j]! / tau - max); p[po + j] = e; sum += e; }
  for (let j = 0; j < k; j++) p[po + j] = p[po + j]! / sum;
}

/** Backward of softmaxInto: ADDS ∂L/∂logit_j = p_j·(g_j − Σ_m p_m g_m)/tau into grad[lo + j]. */
export function softmaxBackwardInto(grad: Float64Array, lo: number, p: Float64Array, po: number, gp: Float64Array, gpo: number, k: number, tau: number): void {
  let dot = 0;
  for (let j = 0; j < k; j++) dot += p[po + j]! * gp[gpo + j]!;
  for (let j = 0; j < k; j++) grad[lo + j] += (p[po + j]! * (gp[gpo + j]! - dot)) / tau;
}
