// Probe points of the search: the generic real values at which candidate functions are evaluated for
// fingerprints and target matching, and the wider sets at which every hit is re-verified (section 0 of the
// reference: x = Euler's γ, y = Glaisher's A stand for the variables; Catalan's G and Khinchin's K are extra).
// Points are plain float64 values; precise checks use their exact decimal spelling, so both sides of an
// identity are evaluated at the very same point.

/** Euler–Mascheroni γ. */
export const GAMMA = 0.5772156649015329;
/** Glaisher–Kinkelin A. */
export const GLAISHER = 1.2824271291006226;
/** Catalan's G. */
export const CATALAN = 0.915965594177219;
/** Khinchin's K. */
export const KHINCHIN = 2.6854520010653064;

/** A probe point: a value per variable name (real, or complex as { re, im }). */
export type ProbePoint = Readonly<Record<string, number | { readonly re: number; readonly im: number }>>;

/** Returns a probe value as text (1.5 or 0.8+0.2i). */
export function showProbeValue(v: ProbePoint[string]): string {
  if (typeof v === 'number') return String(v);
  return v.im === 0 ? String(v.re) : `${v.re}${v.im < 0 ? '-' : '+'}${Math.abs(v.im)}i`;
}

/** A set of probe points over the given variables (the order of `points` is the probe index). */
export interface ProbeSet {
  readonly variables: readonly string[];
  readonly points: readonly ProbePoint[];
}

/** Fingerprint/match probes per variable: γ first (the reference's x), then other generic values in (0, e). */
const X_VALUES = [GAMMA, CATALAN, 0.3183098861837907, 0.7390851332151607];
/** Second-variable probes: A first (the reference's y when x = γ). */
const Y_VALUES = [GLAISHER, GAMMA, 0.6931471805599453, 1.1447298858494002];

/** Extra verification values per variable, in (0, e) around the probes. */
const X_VERIFY = [0.3, 0.45, 0.8, 1.1, 1.45, 1.9, 2.3];
const Y_VERIFY = [0.7, 1.6, 0.35, 2.2, 0.95, 1.3, 0.55];

/** Returns `count` search probes over the variables (x, y …); constants (no variables) get one point. */
export function searchProbes(variables: readonly string[], count: number): ProbeSet {
  if (variables.length === 0) return { variables: [], points: [{}] };
  if (!Number.isInteger(count) || count < 1 || count > X_VALUES.length) {
    throw new Error(`probes: the number of probe points must be an integer from 1 to ${X_VALUES.length}, got ${count}`);
  }
  if (variables.length > 2) throw new Error(`probes: at most two variables (x, y) are supported, got ${variables.join(', ')}`);
  const points: ProbePoint[] = [];
  for (let p = 0; p < count; p++) {
    const pt: Record<string, number> = {};
    pt[variables[0]!] = X_VALUES[p]!;
    if (variables.length === 2) pt[variables[1]!] = Y_VALUES[p]!;
    points.push(pt);
  }
  return { variables: variables.slice(), points };
}

/** Returns the verification points: the search probes followed by the extra points (none for constants). */
export function verificationPoints(probes: ProbeSet): ProbePoint[] {
  if (probes.variables.length === 0) return [{}];
  const extra: ProbePoint[] = X_VERIFY.map((x, i) => {
    const pt: Record<string, number> = { [probes.variables[0]!]: x };
    if (probes.variables.length === 2) pt[probes.variables[1]!] = Y_VERIFY[i]!;
    return pt;
  });
  return [...probes.points, ...extra];
}
