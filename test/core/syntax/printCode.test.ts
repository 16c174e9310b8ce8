// Tests of the code printers: exact SymPy strings; generated JavaScript (run with new Function) and C (compiled
// with gcc) agree with evaluatePrecise rounded to double, follow the principal-branch convention, and scale to
// large shared trees (one temporary per unique node).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Expr, ONE, apply, constant, eml, num, size, variable } from '../../../src/core/expr';
import { OPS, type OpName } from '../../../src/core/ops';
import { evaluatePrecise, type PreciseValue } from '../../../src/core/precise/evaluatePrecise';
import { printC, printJs, printSympy } from '../../../src/core/syntax/printCode';

const x = variable('x');
const y = variable('y');
const A = apply;

type C = { re: number; im: number };
type Point = Record<string, number | C>;

/** ln t as a pure EML tree. */
const emlLn = (t: Expr): Expr => eml(ONE, eml(eml(ONE, t), ONE));

const FORMULAS: [string, Expr][] = [
  ['exp(x) - ln(y)', A('sub', A('exp', x), A('ln', y))],
  ['sin(x)^2 + 1/x', A('add', A('pow', A('sin', x), num(2)), A('div', ONE, x))],
  ['pure EML ln(x)', emlLn(x)],
  ['pure EML eml(eml(x, y), eml(y, eml(x, 1)))', eml(eml(x, y), eml(y, eml(x, ONE)))],
  ['constants and literals', A('add', A('mul', constant('pi'), A('pow', x, num(0.5))), A('sub', A('mul', constant('i'), constant('phi')), A('div', constant('e'), A('add', y, num(2.25)))))],
];

const POINTS: Point[] = [
  { x: 0.7, y: 1.3 },
  { x: 2.5, y: 0.4 },
  { x: { re: -1.2, im: 0.5 }, y: { re: 0.3, im: -2 } },
  { x: -0.8, y: 3 },
  { x: { re: 0.1, im: -0.9 }, y: -2.5 },
];

function toPrecise(p: Point): Record<string, PreciseValue> {
  const out: Record<string, PreciseValue> = {};
  for (const [k, v] of Object.entries(p)) out[k] = v;
  return out;
}

/** evaluatePrecise rounded to double. */
function reference(t: Expr, p: Point): C & { ok: boolean } {
  const r = evaluatePrecise(t, toPrecise(p), { digits: 20 });
  return { re: Number(r.re), im: Number(r.im), ok: r.ok };
}

function expectNear(got: C, want: C, what: string, tol = 1e-12): void {
  const scale = Math.max(1, Math.hypot(want.re, want.im));
  const err = Math.hypot(got.re - want.re, got.im - want.im) / scale;
  expect(err, `${what}: got ${got.re} + ${got.im}i, want ${want.re} + ${want.im}i`).toBeLessThan(tol);
}

/** Compiles generated JS source into a callable. */
function compileJs(src: string): (...args: (number | C)[]) => C {
  return new Function(`return ${src};`)() as (...args: (number | C)[]) => C;
}

// ---- SymPy -----------------------------------------------------------------------------------------------------

describe('printSympy', () => {
  it('prints exp(x) − ln(y), powers, roots and inverse functions in SymPy spelling', () => {
    expect(printSympy(A('sub', A('exp', x), A('ln', y)))).toBe('exp(x) - log(y)');
    expect(printSympy(A('pow', x, num(2)))).toBe('x**2');
    expect(printSympy(A('sqrt', A('add', x, ONE)))).toBe('sqrt(x + 1)');
    expect(printSympy(A('asin', A('acosh', x)))).toBe('asin(acosh(x))');
    expect(printSympy(A('add', A('pow', A('sin', x), num(2)), A('div', ONE, x)))).toBe('sin(x)**2 + 1/x');
  });

  it('prints constants as E, pi, I, GoldenRatio and non-integer literals as exact Rationals', () => {
    expect(printSympy(A('mul', constant('pi'), A('add', constant('e'), A('mul', constant('i'), constant('phi')))))).toBe('pi*(E + I*GoldenRatio)');
    expect(printSympy(A('mul', num(0.5), x))).toBe("Rational('0.5')*x");
  });

  it('writes log base b of z as log(z, b) (SymPy argument order)', () => {
    expect(printSympy(A('log', num(2), x))).toBe('log(x, 2)');
  });

  it('writes eml(a, b) inline as (exp(a) - log(b)), without doubled parentheses inside calls', () => {
    expect(printSympy(eml(x, y))).toBe('(exp(x) - log(y))');
    expect(printSympy(emlLn(x))).toBe('(exp(1) - log(exp(exp(1) - log(x)) - log(1)))');
    expect(printSympy(A('mul', eml(x, y), num(2)))).toBe('(exp(x) - log(y))*2');
  });

  it('expands sigmoid, sqr, inv, half, avg and hypot', () => {
    expect(printSympy(A('sigmoid', x))).toBe('1/(1 + exp(-x))');
    expect(printSympy(A('sqr', A('add', x, y)))).toBe('(x + y)**2');
    expect(printSympy(A('inv', A('add', x, ONE)))).toBe('1/(x + 1)');
    expect(printSympy(A('half', x))).toBe('x/2');
    expect(printSympy(A('avg', x, y))).toBe('(x + y)/2');
    expect(printSympy(A('hypot', x, y))).toBe('sqrt(x**2 + y**2)');
  });

  it('parenthesises conservatively by precedence and associativity', () => {
    expect(printSympy(A('neg', A('pow', x, num(2))))).toBe('-(x**2)');
    expect(printSympy(A('pow', A('neg', x), num(2)))).toBe('(-x)**2');
    expect(printSympy(A('sub', x, A('sub', y, x)))).toBe('x - (y - x)');
    expect(printSympy(A('sub', A('sub', x, y), x))).toBe('x - y - x');
    expect(printSympy(A('mul', x, A('neg', y)))).toBe('x*(-y)');
    expect(printSympy(A('div', A('mul', x, y), A('mul', x, y)))).toBe('x*y/(x*y)');
    expect(printSympy(A('pow', A('pow', x, y), x))).toBe('(x**y)**x');
    expect(printSympy(A('pow', x, A('pow', y, x)))).toBe('x**(y**x)');
    expect(printSympy(A('neg', A('neg', x)))).toBe('-(-x)');
  });

  it('protects variable names SymPy would misread with Symbol(...)', () => {
    expect(printSympy(A('add', variable('lambda'), variable('E')))).toBe('Symbol("lambda") + Symbol("E")');
  });

  it('refuses trees whose written-out size exceeds maxTokens', () => {
    let t: Expr = x;
    for (let k = 0; k < 30; k++) t = A('add', t, t);
    expect(() => printSympy(t)).toThrow(/tokens/);
  });
});

// ---- JavaScript ------------------------------------------------------------------------------------------------

describe('printJs', () => {
  it('emits an arrow function over the sorted variables that returns { re, im }', () => {
    const src = printJs(A('sub', y, x));
    expect(src.startsWith('(x, y) => {')).toBe(true);
    const f = compileJs(src);
    expect(f(1, 5)).toEqual({ re: 4, im: 0 });
    expect(f({ re: 1, im: 2 }, { re: 0, im: 0 })).toEqual({ re: -1, im: -2 });
    expect(compileJs(printJs(constant('pi')))()).toEqual({ re: Math.PI, im: 0 });
  });

  for (const [name, t] of FORMULAS) {
    it(`agrees with evaluatePrecise for ${name}`, () => {
      const f = compileJs(printJs(t, { params: ['x', 'y'] }));
      for (const p of POINTS) expectNear(f(p.x!, p.y!), reference(t, p), `${name} at ${JSON.stringify(p)}`);
    });
  }

  it('agrees with evaluatePrecise for every operator of the ops table', () => {
    const pts: Point[] = [
      { x: 0.3, y: 1.7 }, { x: -0.4, y: 2.5 }, { x: { re: 0.6, im: -0.8 }, y: { re: -1.5, im: 0.2 } },
      { x: 2.5, y: -3 }, { x: -3, y: { re: 0.25, im: 1.5 } }, { x: { re: -1.5, im: 0.2 }, y: 0.5 },
    ];
    for (const o of OPS) {
      const t = o.arity === 1 ? A(o.name, x) : A(o.name, x, y);
      const f = compileJs(printJs(t, { params: ['x', 'y'] }));
      for (const p of pts) {
        const ref = reference(t, p);
        if (!ref.ok) continue;
        expectNear(f(p.x!, p.y!), ref, `${o.name} at ${JSON.stringify(p)}`);
      }
    }
  });

  it('follows the principal branch: ln(−1 − 0i) = +iπ, sqrt(−4 − 0i) = +2i, ln 0 = −∞, 1/0 undefined', () => {
    expect(compileJs(printJs(A('ln', x)))({ re: -1, im: -0 })).toEqual({ re: 0, im: Math.PI });
    expect(compileJs(printJs(A('sqrt', x)))({ re: -4, im: -0 })).toEqual({ re: 0, im: 2 });
    expect(compileJs(printJs(A('ln', x)))(0)).toEqual({ re: -Infinity, im: 0 });
    const inv = compileJs(printJs(A('inv', x)))(0);
    expect(Number.isNaN(inv.re) && Number.isNaN(inv.im)).toBe(true);
    expect(compileJs(printJs(eml(eml(x, y), ONE)))(1, 0).re).toBe(Infinity);
  });

  it('uses opts.params for order and extra parameters, mangles unsafe names, rejects missing variables', () => {
    const t = A('sub', x, variable('new'));
    const src = printJs(t, { params: ['new', 'x', 'z'] });
    expect(src.startsWith('(v_new, x, z) => {')).toBe(true);
    expect(compileJs(src)(1, 10, 99)).toEqual({ re: 9, im: 0 });
    expect(() => printJs(t, { params: ['x'] })).toThrow(/'new'/);
  });

  it('emits one temporary per unique node, merging structurally equal subtrees', () => {
    const a = A('sin', x);
    const b = A('sin', variable('x')); // equal structure, different object
    const src = printJs(A('add', A('mul', a, a), A('mul', b, b)));
    expect(src.match(/\$sin\(\$/g)).toHaveLength(1);
    expect(src.match(/const \$\d+ =/g)).toHaveLength(4); // x, sin x, sin x · sin x (merged), the sum
  });

  it('runs a shared tree with K ≈ 2^200 tokens and depth > 1000 (fixed point of ln)', () => {
    let t: Expr = x;
    for (let k = 0; k < 200; k++) {
      const u = emlLn(t);
      t = A('avg', u, u);
    }
    expect(size(t)).toBeGreaterThan(2 ** 200);
    const v = compileJs(printJs(t))(3);
    expectNear(v, { re: 0.31813150520476413, im: 1.3372357014306895 }, 'ln fixed point', 1e-13);
  });

  it('runs a tree of 10^5 unique nodes (depth 10^5) without recursion', () => {
    let t: Expr = x;
    for (let k = 0; k < 25_000; k++) t = emlLn(A('avg', t, t));
    const src = printJs(t);
    expect(src.match(/const \$\d+ =/g)!.length).toBeGreaterThan(100_000);
    const v = compileJs(src)(3);
    expectNear(v, { re: 0.31813150520476413, im: 1.3372357014306895 }, 'ln fixed point', 1e-13);
  });

  it('agrees with evaluatePrecise on a random layered DAG of depth 200', () => {
    const t = layeredDag(200, 25, 11);
    const p: Point = { x: { re: 0.3, im: 0.2 }, y: -0.7 };
    const v = compileJs(printJs(t))(p.x!, p.y!);
    expectNear(v, reference(t, p), 'layered DAG', 1e-11);
  });
});

/** A random DAG: `layers` layers of `width` nodes, each node an operator of nodes of the previous layer. */
function layeredDag(layers: number, width: number, seed: number): Expr {
  let s = seed;
  const rnd = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const unary: OpName[] = ['sin', 'cos', 'half', 'neg', 'tanh', 'sigmoid'];
  const binary: OpName[] = ['avg', 'mul', 'eml', 'sub', 'avg'];
  let prev: Expr[] = [x, y, num(0.5), ONE];
  for (let l = 0; l < layers; l++) {
    const cur: Expr[] = [];
    for (let k = 0; k < width; k++) {
      const a = pick(prev);
      const b = pick(prev);
      if (rnd() < 0.4) cur.push(A(pick(unary), a));
      else {
        const op = pick(binary);
        // eml(tanh a, 2 + tanh b) keeps values bounded
        cur.push(op === 'eml' ? eml(A('tanh', a), A('add', num(2), A('tanh', b))) : A(op, a, b));
      }
    }
    prev = cur;
  }
  return prev.reduce((acc, e) => A('avg', acc, e));
}

// ---- C ---------------------------------------------------------------------------------------------------------

function hasGcc(): boolean {
  try {
    execFileSync('gcc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const GCC = hasGcc();
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const cNum = (v: number | C): string => (typeof v === 'number' ? `CMPLX(${v}, 0.0)` : `CMPLX(${v.re}, ${v.im})`);

/** Compiles C units (each with its own function) plus a main that prints each call; returns parsed results. */
function runC(units: { name: string; t: Expr; params: string[]; calls: (number | C)[][] }[]): C[][] {
  const dir = mkdtempSync(join(tmpdir(), 'eml-printc-'));
  dirs.push(dir);
  const files: string[] = [];
  const decls: string[] = [];
  const body: string[] = [];
  units.forEach((u, k) => {
    const file = join(dir, `f${k}.c`);
    writeFileSync(file, printC(u.t, { name: u.name, params: u.params }));
    files.push(file);
    decls.push(`double complex ${u.name}(${u.params.length ? u.params.map(() => 'double complex').join(', ') : 'void'});`);
    for (const c of u.calls) body.push(`  show(${u.name}(${c.map(cNum).join(', ')}));`);
    body.push('  printf("--\\n");');
  });
  const main = join(dir, 'main.c');
  writeFileSync(main, [
    '#include <complex.h>', '#include <stdio.h>', ...decls,
    'static void show(double complex v) { printf("%.17g %.17g\\n", creal(v), cimag(v)); }',
    'int main(void) {', ...body, '  return 0;', '}', '',
  ].join('\n'));
  const exe = join(dir, 'a.out');
  execFileSync('gcc', ['-std=c11', '-O0', '-Wall', '-Wextra', '-Werror', '-pedantic', ...files, main, '-o', exe, '-lm']);
  const out = execFileSync(exe, { encoding: 'utf8' });
  return out.trim().split('--').map((blk) => blk.trim().split('\n').filter(Boolean).map((line) => {
    const [re, im] = line.trim().split(/\s+/).map((s) => (s === 'nan' || s === '-nan' ? NaN : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s)));
    return { re: re!, im: im! };
  })).filter((b) => b.length > 0);
}

describe.skipIf(!GCC)('printC', () => {
  it('defines double complex eml_formula over the sorted variables with <complex.h>', () => {
    const src = printC(A('sub', A('exp', x), A('ln', y)));
    expect(src).toContain('#include <complex.h>');
    expect(src).toContain('double complex eml_formula(double complex x, double complex y) {');
    expect(src).toContain('const double complex t_0 = x;');
  });

  it('compiled with gcc -std=c11 agrees with evaluatePrecise for the formulas and every operator', () => {
    const units = FORMULAS.map(([, t], k) => ({ name: `f${k}`, t, params: ['x', 'y'], calls: POINTS.map((p) => [p.x!, p.y!]) }));
    const pts: Point[] = [{ x: 0.3, y: 1.7 }, { x: { re: 0.6, im: -0.8 }, y: { re: -1.5, im: 0.2 } }, { x: -3, y: 2.5 }];
    for (const o of OPS) {
      const t = o.arity === 1 ? A(o.name, x) : A(o.name, x, y);
      units.push({ name: `op_${o.name}`, t, params: ['x', 'y'], calls: pts.map((p) => [p.x!, p.y!]) });
    }
    const results = runC(units);
    expect(results).toHaveLength(units.length);
    units.forEach((u, k) => {
      const ptsOf = k < FORMULAS.length ? POINTS : pts;
      ptsOf.forEach((p, j) => {
        const ref = reference(u.t, p);
        if (ref.ok) expectNear(results[k]![j]!, ref, `${u.name} at ${JSON.stringify(p)}`);
      });
    });
  });

  it('normalises −0 imaginary parts before ln and sqrt (ln(−1 − 0i) = +iπ) and agrees with printJs', () => {
    const t = A('add', A('ln', x), A('sqrt', A('mul', num(4), x)));
    const [res] = runC([{ name: 'g', t, params: ['x'], calls: [[{ re: -1, im: -0 }]] }]);
    // C's CMPLX keeps the −0; the generated code must still take the upper side of the cut.
    expect(res![0]!.re).toBeCloseTo(0, 15);
    expect(res![0]!.im).toBeCloseTo(Math.PI + 2, 14);
    expectNear(res![0]!, compileJs(printJs(t))({ re: -1, im: -0 }), 'C vs JS');
  });

  it('compiles and runs a random layered DAG of depth 200 with one temporary per unique node', () => {
    const t = layeredDag(200, 12, 5);
    const p: Point = { x: { re: 0.3, im: 0.2 }, y: -0.7 };
    const [res] = runC([{ name: 'big', t, params: ['x', 'y'], calls: [[p.x!, p.y!]] }]);
    expectNear(res![0]!, reference(t, p), 'layered DAG in C', 1e-11);
    expectNear(res![0]!, compileJs(printJs(t))(p.x!, p.y!), 'C vs JS', 1e-13);
  });
});
