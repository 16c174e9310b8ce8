// Tests of the Search view's pure layouts, in plain Node (no DOM): the witness reader and the Fig. 1
// spiral of a basis verification (renderer/src/search/basisGraph.ts), the per-K bar chart (levelChart.ts)
// and the EML text → TreeDag conversion (emlDag.ts).

import { describe, expect, it } from 'vitest';
import { size } from '../../src/core/expr';
import { parseEml } from '../../src/core/syntax';
import { layoutBasisGraph, parseWitness, spiralPoints, SPIRAL, witnessUses } from '../../src/renderer/src/search/basisGraph';
import { dagOfEml } from '../../src/renderer/src/search/emlDag';
import { layoutLevelChart } from '../../src/renderer/src/search/levelChart';
import type { BasisStep, SearchLevel } from '../../src/shared/search';

/** The published chain for {1, EML} (reference section 3.6): name, kind, K, witness. */
const CHAIN: ReadonlyArray<readonly [string, BasisStep['kind'], number, string]> = [
  ['E', 'constant', 3, 'EML[1, 1]'], ['Exp', 'unary', 3, 'EML[x, 1]'], ['Log', 'unary', 6, 'EML[1, Exp[EML[1, x]]]'],
  ['Subtract', 'binary', 5, 'EML[Log[x], Exp[y]]'], ['-1', 'constant', 4, 'Subtract[Log[1], 1]'], ['2', 'constant', 3, 'Subtract[1, -1]'],
  ['Minus', 'unary', 4, 'Subtract[Log[1], x]'], ['Plus', 'binary', 4, 'Subtract[x, Minus[y]]'], ['Inv', 'unary', 4, 'Exp[Minus[Log[x]]]'],
  ['Times', 'binary', 6, 'Exp[Plus[Log[x], Log[y]]]'], ['Sqr', 'unary', 3, 'Times[x, x]'], ['Divide', 'binary', 4, 'Times[x, Inv[y]]'],
  ['Half', 'unary', 3, 'Divide[x, 2]'], ['Avg', 'binary', 4, 'Half[Plus[x, y]]'], ['Sqrt', 'unary', 4, 'Exp[Half[Log[x]]]'],
  ['Power', 'binary', 5, 'Exp[Times[y, Log[x]]]'], ['Log', 'binary', 5, 'Divide[Log[y], Log[x]]'], ['Pi', 'constant', 5, 'Sqrt[Minus[Sqr[Log[-1]]]]'],
  ['Hypot', 'binary', 6, 'Sqrt[Plus[Sqr[x], Sqr[y]]]'], ['LogisticSigmoid', 'unary', 6, 'Inv[EML[Minus[x], Exp[-1]]]'],
  ['Cosh', 'unary', 6, 'Avg[Exp[x], Exp[Minus[x]]]'], ['Sinh', 'unary', 5, 'EML[x, Exp[Cosh[x]]]'], ['Tanh', 'unary', 5, 'Divide[Sinh[x], Cosh[x]]'],
  ['Cos', 'unary', 5, 'Cosh[Sqrt[Minus[Sqr[x]]]]'], ['Sin', 'unary', 5, 'Cos[Subtract[x, Half[Pi]]]'], ['Tan', 'unary', 5, 'Divide[Sin[x], Cos[x]]'],
  ['ArcSinh', 'unary', 6, 'Log[Plus[x, Hypot[-1, x]]]'], ['ArcCosh', 'unary', 5, 'ArcSinh[Hypot[x, Sqrt[-1]]]'],
  ['ArcCos', 'unary', 4, 'ArcCosh[Cos[ArcCosh[x]]]'], ['ArcTanh', 'unary', 5, 'ArcSinh[Inv[Tan[ArcCos[x]]]]'],
  ['ArcSin', 'unary', 5, 'Subtract[Half[Pi], ArcCos[x]]'], ['ArcTan', 'unary', 4, 'ArcSin[Tanh[ArcSinh[x]]]'],
];
const steps: BasisStep[] = CHAIN.map(([name, kind, K, witness], i) => ({ index: i + 1, name, kind, K, witness, ms: i }));
const BASE = { constant: ['1'], unary: [], binary: ['EML'] };

describe('witnessUses(text)', () => {
  it.each([
    ['Subtract[Log[1], 1]', ['binary:Subtract', 'unary:Log', 'constant:1']],
    ['Divide[Log[y], Log[x]]', ['binary:Divide', 'unary:Log']],
    ['Inv[EML[Minus[x], Exp[-1]]]', ['unary:Inv', 'binary:EML', 'unary:Minus', 'unary:Exp', 'constant:-1']],
    ['Sqrt[Minus[Sqr[Log[-1]]]]', ['unary:Sqrt', 'unary:Minus', 'unary:Sqr', 'unary:Log', 'constant:-1']],
    ['EML[EulerGamma, Glaisher]', ['binary:EML']],
    ['Pi', ['constant:Pi']],
  ])('%s uses %j (calls by arity, variables left out)', (text, uses) => {
    expect(witnessUses(text)).toEqual(uses);
  });

  it.each([
    ['Log[x', /expected ',' or '\]' at position 6/],
    ['Log[x]]', /expected the end of the witness at position 7/],
    ['[x]', /expected a name or a number at position 1/],
    ['2[x]', /expected a primitive name before \[/],
  ])('parseWitness(%j) reports the position of the error', (text, message) => {
    expect(() => parseWitness(text)).toThrow(message);
  });
});

describe('spiralPoints(n)', () => {
  it('places points at equal arc length along r = a + bθ, from r = a to r_end (checked against the closed-form arc length)', () => {
    const n = 34;
    const pts = spiralPoints(n);
    const thetaEnd = SPIRAL.turns * 2 * Math.PI;
    const b = (SPIRAL.rEnd - SPIRAL.a) / thetaEnd;
    // arc length of r = a + bθ from the origin of the parameter: (b/2)[φ√(1+φ²) + asinh φ], φ = r / b
    const s = (r: number): number => {
      const phi = r / b;
      return (b / 2) * (phi * Math.sqrt(1 + phi * phi) + Math.asinh(phi));
    };
    const total = s(SPIRAL.rEnd) - s(SPIRAL.a);
    expect(pts[0]!.r).toBeCloseTo(SPIRAL.a, 9);
    expect(pts[n - 1]!.r).toBeCloseTo(SPIRAL.rEnd, 3);
    pts.forEach((p, i) => {
      expect(Math.hypot(p.x, p.y)).toBeCloseTo(p.r, 9);
      expect((s(p.r) - s(SPIRAL.a)) / total).toBeCloseTo(i / (n - 1), 4);
    });
  });

  it('returns nothing for no points and the start for one', () => {
    expect(spiralPoints(0)).toEqual([]);
    expect(spiralPoints(1)[0]!.r).toBeCloseTo(SPIRAL.a, 9);
  });
});

describe('layoutBasisGraph(base, chain)', () => {
  const g = layoutBasisGraph(BASE, steps, 600);

  it('has one node per base primitive and per discovery, base first, in discovery order, inside the square', () => {
    expect(g.nodes.map((n) => n.name)).toEqual(['EML', '1', ...CHAIN.map((c) => c[0])]);
    expect(g.nodes.filter((n) => n.origin === 'found')).toHaveLength(32);
    for (const n of g.nodes) {
      expect(n.x).toBeGreaterThan(g.radius);
      expect(n.x).toBeLessThan(600 - g.radius);
      expect(n.y).toBeGreaterThan(g.radius);
      expect(n.y).toBeLessThan(600 - g.radius);
    }
    // unary Log and binary Log are different nodes with their own labels
    expect(g.nodes.filter((n) => n.name === 'Log').map((n) => [n.id, n.label])).toEqual([['unary:Log', 'ln'], ['binary:Log', 'log_b']]);
    // neighbours on the spiral do not overlap
    for (let i = 1; i < g.nodes.length; i++) {
      const a = g.nodes[i - 1]!, b = g.nodes[i]!;
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(2 * g.radius);
    }
  });

  it('draws an edge from every primitive a witness uses, only from earlier nodes, styled by source', () => {
    const into = (name: string, kind: string): string[] => g.edges.filter((e) => e.to === `${kind}:${name}`).map((e) => e.from);
    expect(into('Log', 'unary')).toEqual(['binary:EML', 'constant:1', 'unary:Exp']);
    expect(into('Log', 'binary')).toEqual(['binary:Divide', 'unary:Log']);
    expect(into('-1', 'constant')).toEqual(['binary:Subtract', 'unary:Log', 'constant:1']);
    const order = new Map(g.nodes.map((n) => [n.id, n.order]));
    for (const e of g.edges) expect(order.get(e.from)!).toBeLessThan(order.get(e.to)!);
    for (const n of g.nodes.filter((x) => x.origin === 'found')) expect(g.edges.some((e) => e.to === n.id)).toBe(true);
    expect(new Set(g.edges.filter((e) => e.from === 'binary:EML').map((e) => e.style))).toEqual(new Set(['eml']));
    expect(new Set(g.edges.filter((e) => e.from === 'constant:1').map((e) => e.style))).toEqual(new Set(['one']));
    for (const e of g.edges) expect(e.d).toMatch(/^M[-0-9.e]+,[-0-9.e]+Q[-0-9.e]+,[-0-9.e]+,[-0-9.e]+,[-0-9.e]+$/);
    expect(g.unreadable).toEqual([]);
  });

  it('starts each edge on the rim of its source circle', () => {
    const e = g.edges[0]!;
    const from = g.nodes.find((n) => n.id === e.from)!;
    const [x, y] = e.d.slice(1).split('Q')[0]!.split(',').map(Number);
    expect(Math.hypot(x! - from.x, y! - from.y)).toBeCloseTo(g.radius, 6);
  });
});

describe('layoutLevelChart(levels, group)', () => {
  const level = (K: number, distinct: number, group = ''): SearchLevel => ({ group, phase: 'grow', K, distinct, candidates: null, nodes: 0, bytes: 0, elapsedMs: 0 });
  const levels = [level(1, 1), level(3, 1), level(5, 2), level(7, 5), level(9, 12), level(11, 30), level(13, 80), level(15, 233), level(3, 9, 'other')];

  it('draws one bar per grown level of the group, in K order, taller for more values on a log scale', () => {
    const c = layoutLevelChart([...levels, { ...level(17, 0), phase: 'match', distinct: null, candidates: 4 }], '', { width: 400, height: 200 });
    expect(c.bars.map((b) => b.K)).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
    for (let i = 1; i < c.bars.length; i++) expect(c.bars[i]!.x).toBeGreaterThan(c.bars[i - 1]!.x);
    for (const b of c.bars) expect(b.y + b.height).toBeCloseTo(c.bottom, 9);
    // log scale: the height above the one-value baseline is proportional to log10(distinct)
    const h = (d: number): number => c.bars.find((b) => b.distinct === d)!.height;
    expect(h(233) / h(12)).toBeCloseTo(Math.log10(233) / Math.log10(12), 6);
    expect(h(1)).toBe(2);
    expect(c.yTicks.map((t) => t.text)).toEqual(['1', '10', '100', '1k']);
  });

  it('draws nothing when no level was grown', () => {
    expect(layoutLevelChart(levels, 'missing').bars).toEqual([]);
  });
});

describe('dagOfEml(text)', () => {
  it('stores each distinct subtree once, children first, and reads back the whole tree', () => {
    const text = 'eml(1, eml(eml(eml(1, eml(eml(1, eml(1, eml(1, 1))), 1)), eml(1, 1)), 1))';
    const dag = dagOfEml(text);
    expect(dag.root).toBe(dag.nodes.length - 1);
    dag.nodes.forEach((n, i) => {
      if ('op' in n) for (const a of n.args) expect(a).toBeLessThan(i);
    });
    // expanded, the DAG has as many tokens as the tree
    const tokens = (i: number): number => {
      const n = dag.nodes[i]!;
      return 'op' in n ? 1 + n.args.reduce((s, a) => s + tokens(a), 0) : 1;
    };
    expect(tokens(dag.root)).toBe(size(parseEml(text)));
    expect(tokens(dag.root)).toBe(19);
  });
});
