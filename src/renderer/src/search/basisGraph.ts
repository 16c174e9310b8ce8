// The dependency graph of a basis verification's witness chain, laid out like the paper's Fig. 1
// (reference section 7.1): the base primitives and then every discovery, in order, at equal arc-length
// steps along an Archimedean spiral r = a + bθ; an edge from each primitive a witness uses to the primitive
// it builds, drawn as a quadratic Bézier bowed away from the centre. Pure: returns coordinates and SVG path
// data (d3-scale maps spiral units to pixels, d3-path writes the curves); the view renders them with Solid.

import { path as d3path, scaleLinear } from 'd3';
import type { BasisStep } from '../../../shared/search';

export type BasisKind = 'constant' | 'unary' | 'binary';

/** A node id: kind and name ("binary:Log" and "unary:Log" are different primitives). */
export const nodeId = (kind: BasisKind, name: string): string => `${kind}:${name}`;

/** Names that stand for the variables in witnesses (x = EulerGamma, y = Glaisher); never a dependency. */
const VARIABLES = new Set(['x', 'y', 'EulerGamma', 'Glaisher']);

/** A parsed witness: an atom (constant or variable) or a call of a named primitive. */
type Witness = { readonly atom: string } | { readonly call: string; readonly args: readonly Witness[] };

/** Returns the witness text (Name[a, b], atoms 1, -1, Pi, x) as a tree; throws on malformed text, naming the position. */
export function parseWitness(text: string): Witness {
  let i = 0;
  const skip = (): void => {
    while (text[i] === ' ') i++;
  };
  const fail = (what: string): never => {
    throw new Error(`witness '${text}': expected ${what} at position ${i + 1}`);
  };
  const item = (): Witness => {
    skip();
    const m = /^(-?[0-9]+(?:\.[0-9]+)?|-?[A-Za-z][A-Za-z0-9_]*)/.exec(text.slice(i));
    if (!m) return fail('a name or a number');
    i += m[0].length;
    skip();
    if (text[i] !== '[') return { atom: m[0] };
    if (m[0].startsWith('-') || /^[0-9]/.test(m[0])) return fail('a primitive name before [');
    i++;
    const args: Witness[] = [item()];
    skip();
    while (text[i] === ',') {
      i++;
      args.push(item());
      skip();
    }
    if (text[i] !== ']') fail("',' or ']'");
    i++;
    return { call: m[0], args };
  };
  const w = item();
  skip();
  if (i !== text.length) fail('the end of the witness');
  return w;
}

/** Returns the ids of the primitives a witness uses (calls by their arity, atoms as constants), in order of first use. */
export function witnessUses(text: string): string[] {
  const out: string[] = [];
  const add = (id: string): void => {
    if (!out.includes(id)) out.push(id);
  };
  const walk = (w: Witness): void => {
    if ('atom' in w) {
      if (!VARIABLES.has(w.atom)) add(nodeId('constant', w.atom));
      return;
    }
    add(nodeId(w.args.length === 1 ? 'unary' : 'binary', w.call));
    w.args.forEach(walk);
  };
  walk(parseWitness(text));
  return out;
}

export interface BasisNode {
  readonly id: string;
  readonly name: string;
  readonly kind: BasisKind;
  /** 'base' for the primitives given, 'found' for discoveries. */
  readonly origin: 'base' | 'found';
  /** Position in the spiral order (0 = first base primitive). */
  readonly order: number;
  /** Step of the chain (1-based), null for base primitives. */
  readonly step: number | null;
  readonly K: number | null;
  readonly witness: string | null;
  readonly label: string;
  /** Colour family of Fig. 1. */
  readonly family: 'eml' | 'constant' | 'arith-unary' | 'arith-binary' | 'trig' | 'hyper' | 'base';
  readonly x: number;
  readonly y: number;
}

export interface BasisEdge {
  readonly from: string;
  readonly to: string;
  /** 'eml' edges leave the EML operator, 'one' the constant 1, others are 'other'. */
  readonly style: 'eml' | 'one' | 'other';
  /** SVG path data of the curve, clipped at both node circles. */
  readonly d: string;
}

export interface BasisGraph {
  readonly nodes: readonly BasisNode[];
  readonly edges: readonly BasisEdge[];
  readonly size: number;
  readonly radius: number;
  /** Witnesses whose uses could not be read (they get no edges). */
  readonly unreadable: readonly string[];
}

/** Fig. 1's spiral: inner radius, outer radius and turns (in spiral units). */
export const SPIRAL = { a: 2.5, rEnd: 14, turns: 2.2, samples: 10_000, limit: 16.5, nodeRadius: 0.75 } as const;

/** Returns `n` points at equal arc-length steps along r = a + bθ from θ = 0 to the last turn (spiral units). */
export function spiralPoints(n: number): Array<{ x: number; y: number; r: number; theta: number }> {
  if (n <= 0) return [];
  const thetaEnd = SPIRAL.turns * 2 * Math.PI;
  const b = (SPIRAL.rEnd - SPIRAL.a) / thetaEnd;
  const m = SPIRAL.samples;
  const thetas = new Float64Array(m + 1);
  const arc = new Float64Array(m + 1);
  for (let k = 0; k <= m; k++) thetas[k] = (thetaEnd * k) / m;
  for (let k = 1; k <= m; k++) {
    // arc length element sqrt(r² + (dr/dθ)²) dθ, trapezoid rule
    const f = (t: number): number => Math.hypot(SPIRAL.a + b * t, b);
    arc[k] = arc[k - 1]! + ((f(thetas[k - 1]!) + f(thetas[k]!)) / 2) * (thetaEnd / m);
  }
  const total = arc[m]!;
  const out: Array<{ x: number; y: number; r: number; theta: number }> = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    const s = n === 1 ? 0 : (total * i) / (n - 1);
    while (k < m && arc[k + 1]! < s) k++;
    const span = k < m ? arc[k + 1]! - arc[k]! : 1;
    const frac = k < m && span > 0 ? (s - arc[k]!) / span : 0;
    const theta = thetas[k]! + frac * (k < m ? thetas[k + 1]! - thetas[k]! : 0);
    const r = SPIRAL.a + b * theta;
    // counter-clockwise from the top, like the figure (y grows downwards on screen)
    out.push({ x: r * Math.sin(theta), y: -r * Math.cos(theta), r, theta });
  }
  return out;
}

const LABELS: Readonly<Record<string, string>> = {
  'constant:E': 'e', 'unary:Exp': 'exp', 'unary:Log': 'ln', 'binary:Subtract': '−', 'constant:-1': '−1', 'unary:Minus': '−x',
  'binary:Plus': '+', 'unary:Inv': '1/x', 'binary:Times': '×', 'unary:Sqr': 'x²', 'binary:Divide': '÷', 'unary:Half': 'x/2',
  'binary:Avg': 'avg', 'unary:Sqrt': '√x', 'binary:Power': 'xʸ', 'binary:Log': 'log_b', 'constant:Pi': 'π', 'binary:Hypot': 'hypot',
  'unary:LogisticSigmoid': 'σ', 'unary:ArcSinh': 'arsinh', 'unary:ArcCosh': 'arcosh', 'unary:ArcTanh': 'artanh',
  'unary:ArcSin': 'arcsin', 'unary:ArcCos': 'arccos', 'unary:ArcTan': 'arctan', 'unary:Cosh': 'cosh', 'unary:Sinh': 'sinh',
  'unary:Tanh': 'tanh', 'unary:Cos': 'cos', 'unary:Sin': 'sin', 'unary:Tan': 'tan', 'binary:EML': 'EML',
};

const TRIG = new Set(['Cos', 'Sin', 'Tan', 'ArcSin', 'ArcCos', 'ArcTan']);
const HYPER = new Set(['Cosh', 'Sinh', 'Tanh', 'ArcSinh', 'ArcCosh', 'ArcTanh']);

function familyOf(kind: BasisKind, name: string): BasisNode['family'] {
  if (kind === 'binary' && name === 'EML') return 'eml';
  if (kind === 'constant') return 'constant';
  if (TRIG.has(name)) return 'trig';
  if (HYPER.has(name)) return 'hyper';
  return kind === 'unary' ? 'arith-unary' : 'arith-binary';
}

/** Returns the label a node shows (Fig. 1's ISO names; other primitives keep their own name). */
export function nodeLabel(kind: BasisKind, name: string): string {
  return LABELS[nodeId(kind, name)] ?? name;
}

/** Returns the graph of a chain from a base, laid out in a square of `size` pixels. */
export function layoutBasisGraph(
  base: { readonly constant: readonly string[]; readonly unary: readonly string[]; readonly binary: readonly string[] },
  chain: readonly BasisStep[],
  size = 560,
): BasisGraph {
  const entries: Array<Omit<BasisNode, 'x' | 'y' | 'order' | 'label' | 'family'>> = [
    ...base.binary.map((name) => ({ id: nodeId('binary', name), name, kind: 'binary' as const, origin: 'base' as const, step: null, K: null, witness: null })),
    ...base.unary.map((name) => ({ id: nodeId('unary', name), name, kind: 'unary' as const, origin: 'base' as const, step: null, K: null, witness: null })),
    ...base.constant.map((name) => ({ id: nodeId('constant', name), name, kind: 'constant' as const, origin: 'base' as const, step: null, K: null, witness: null })),
    ...chain.map((s) => ({ id: nodeId(s.kind, s.name), name: s.name, kind: s.kind, origin: 'found' as const, step: s.index, K: s.K, witness: s.witness })),
  ];
  const scale = scaleLinear().domain([-SPIRAL.limit, SPIRAL.limit]).range([0, size]);
  const unit = scale(1) - scale(0);
  const radius = SPIRAL.nodeRadius * unit;
  const points = spiralPoints(entries.length);
  const nodes: BasisNode[] = entries.map((e, i) => ({
    ...e,
    order: i,
    label: nodeLabel(e.kind, e.name),
    family: e.origin === 'base' && !(e.kind === 'binary' && e.name === 'EML') ? (e.kind === 'constant' ? 'constant' : 'base') : familyOf(e.kind, e.name),
    x: scale(points[i]!.x),
    y: scale(points[i]!.y),
  }));
  const byId = new Map<string, BasisNode>();
  const edges: BasisEdge[] = [];
  const unreadable: string[] = [];
  const cx = scale(0), cy = scale(0);
  for (const n of nodes) {
    if (n.witness !== null) {
      let uses: string[] = [];
      try {
        uses = witnessUses(n.witness);
      } catch {
        unreadable.push(n.witness);
      }
      for (const id of uses) {
        const from = byId.get(id);
        if (!from || from.id === n.id) continue;
        edges.push({
          from: from.id,
          to: n.id,
          style: from.id === 'binary:EML' ? 'eml' : from.id === 'constant:1' ? 'one' : 'other',
          d: curve(from, n, cx, cy, radius),
        });
      }
    }
    // a later discovery of the same name replaces it for the edges that follow
    byId.set(n.id, n);
  }
  return { nodes, edges, size, radius, unreadable };
}

/** Returns the quadratic Bézier from a to b, its control point the chord's midpoint pushed away from (cx, cy) by 0.3 chord. */
function curve(a: BasisNode, b: BasisNode, cx: number, cy: number, radius: number): string {
  const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
  const chord = Math.hypot(b.x - a.x, b.y - a.y);
  let ox = mx - cx, oy = my - cy;
  const ol = Math.hypot(ox, oy);
  if (ol < 1e-9) {
    // the chord passes through the centre: bow it sideways
    ox = -(b.y - a.y);
    oy = b.x - a.x;
  }
  const ll = Math.hypot(ox, oy) || 1;
  const qx = mx + (ox / ll) * 0.3 * chord, qy = my + (oy / ll) * 0.3 * chord;
  // clip at the circles: start and end where the tangent towards the control point leaves each circle
  const clip = (px: number, py: number): [number, number] => {
    const dx = qx - px, dy = qy - py;
    const l = Math.hypot(dx, dy) || 1;
    return [px + (dx / l) * radius, py + (dy / l) * radius];
  };
  const [sx, sy] = clip(a.x, a.y);
  const [ex, ey] = clip(b.x, b.y);
  const p = d3path();
  p.moveTo(sx, sy);
  p.quadraticCurveTo(qx, qy, ex, ey);
  return p.toString();
}
