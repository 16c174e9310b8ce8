// Kernel pairs of the general master tree (generalLayout.ts), each forward beside its backward, on Float64Array
// planes at caller-given offsets; the EML operation itself is kernels.ts's node pair with both gates 0.
// Convention as kernels.ts: g is dLoss/dOut per component; no allocation here.
//
// mix:   m = p_0·1 + Σ_j p_j·x_j + p_c·c          ∂m/∂p_0 = 1, ∂m/∂p_j = x_j, ∂m/∂p_c = c, ∂m/∂c = p_c   (real)
// blend: in = s·m + (1 − s)·child (re), (1 − s)·child (im)      ∂in/∂s = m − child, ∂in/∂m = s, ∂in/∂child = 1 − s
//        s = 1 exactly (a sigmoid above 1 − 2^−52) is the leaf alone: in = m, no gradient to s or the child.

/**
 * Writes the mix of one input over n points into out[oo ..]: p_0 + Σ_j p_{1+j}·inputs[j] + p_{k+1}·c, summed in
 * that order, with the probabilities at p[po ..] (C = k + 2 of them) and the input's constant c.
 */
export function mixForwardInto(
  out: Float64Array, oo: number, p: Float64Array, po: number, inputs: readonly Float64Array[], c: number, n: number,
): void {
  const k = inputs.length, p0 = p[po]!, pcc = p[po + k + 1]! * c;
  if (k === 2) {
    const p1 = p[po + 1]!, p2 = p[po + 2]!, x = inputs[0]!, y = inputs[1]!;
    for (let i = 0; i < n; i++) out[oo + i] = p0 + p1 * x[i]! + p2 * y[i]! + pcc;
    return;
  }
  out.fill(p0, oo, oo + n);
  for (let j = 0; j < k; j++) {
    const pj = p[po + 1 + j]!, col = inputs[j]!;
    if (pj === 0) continue;
    for (let i = 0; i < n; i++) out[oo + i] += pj * col[i]!;
  }
  if (pcc !== 0) for (let i = 0; i < n; i++) out[oo + i] += pcc;
}

/**
 * Backward of mixForwardInto for an input whose mix enters with weight `scale` (its gate s, or 1 without a
 * gate): WRITES ∂L/∂p_j = scale·Σ_i g_i·col_j(i) into gp[gpo ..] (C entries, the last being scale·c·Σ g).
 * The constant's gradient is then p_c·gp[gpo] (∂m/∂c = p_c; gp[gpo] = scale·Σ g).
 */
export function mixBackwardInto(
  gRe: Float64Array, go: number, inputs: readonly Float64Array[], n: number, c: number, scale: number, gp: Float64Array, gpo: number,
): void {
  const k = inputs.length;
  let g0 = 0;
  if (k === 2) {
    const x = inputs[0]!, y = inputs[1]!;
    let g1 = 0, g2 = 0;
    for (let i = 0; i < n; i++) { const g = gRe[go + i]!; g0 += g; g1 += g * x[i]!; g2 += g * y[i]!; }
    gp[gpo + 1] = scale * g1; gp[gpo + 2] = scale * g2;
  } else {
    for (let i = 0; i < n; i++) g0 += gRe[go + i]!;
    for (let j = 0; j < k; j++) {
      const col = inputs[j]!;
      let gj = 0;
      for (let i = 0; i < n; i++) gj += gRe[go + i]! * col[i]!;
      gp[gpo + 1 + j] = scale * gj;
    }
  }
  gp[gpo] = scale * g0;
  gp[gpo + k + 1] = scale * g0 * c;
}

/**
 * One gated input over n points: in = s·m + (1 − s)·child into vRe/vIm[out ..], the mix at m[mo ..] (real) and
 * the child's values at vRe/vIm[c ..]. A real child (or s = 1) gives a real input, whose imaginary plane is
 * zeroed unless it holds zeros already (imIsZero). Returns true when the input is real.
 */
export function blendForwardInto(
  vRe: Float64Array, vIm: Float64Array, out: number, m: Float64Array, mo: number, c: number, s: number, n: number,
  childIsReal: boolean, imIsZero: boolean,
): boolean {
  if (s === 1) {
    for (let i = 0; i < n; i++) vRe[out + i] = m[mo + i]!;
  } else {
    const om = 1 - s;
    for (let i = 0; i < n; i++) vRe[out + i] = s * m[mo + i]! + om * vRe[c + i]!;
    if (!childIsReal) {
      for (let i = 0; i < n; i++) vIm[out + i] = om * vIm[c + i]!;
      return false;
    }
  }
  if (!imIsZero) vIm.fill(0, out, out + n);
  return true;
}

/**
 * Backward of blendForwardInto: reads the input's gradient at gRe/gIm[gin ..] (only gRe for a real input, whose
 * imaginary gradient is not kept), WRITES (=) the child's gradient (1 − s)·g at gRe/gIm[gc ..] (zero for s = 1),
 * and returns ∂L/∂s = Σ_i gRe·(m − Re child) − gIm·Im child (0 for s = 1). The mix's own gradient is s·gRe
 * (mixBackwardInto with scale s). Values are read at the gradient offset + vShift.
 */
export function blendBackwardInto(
  gRe: Float64Array, gIm: Float64Array, vRe: Float64Array, vIm: Float64Array, vShift: number, gin: number, gc: number,
  m: Float64Array, mo: number, s: number, n: number, inputIsReal: boolean,
): number {
  if (s === 1) {
    gRe.fill(0, gc, gc + n);
    gIm.fill(0, gc, gc + n);
    return 0;
  }
  const om = 1 - s;
  let gs = 0;
  for (let i = 0; i < n; i++) {
    const gr = gRe[gin + i]!, gi = inputIsReal ? 0 : gIm[gin + i]!;
    gRe[gc + i] = om * gr;
    gIm[gc + i] = om * gi;
    gs += gr * (m[mo + i]! - vRe[vShift + gc + i]!) - gi * vIm[vShift + gc + i]!;
  }
  return gs;
}
