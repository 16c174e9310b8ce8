import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { parseComplexLiteral } from '../../src/cli/commands/evaluate';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

describe('emlw compile', () => {
  it.each([['ln(x)', 7], ['exp(x)', 3]])('emlw compile "%s" --json reports K %i', async (f, k) => {
    const r = await run('compile', f, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.K).toBe(k);
    for (const key of ['input', 'eml', 'rpn', 'K', 'depth', 'semantics', 'latex']) expect(j).toHaveProperty(key);
    expect(j.eml).toBe(k === 7 ? 'eml(1, eml(eml(1, x), 1))' : 'eml(x, 1)');
    expect(j.rpn).toBe(k === 7 ? '1 1 x EML 1 EML EML' : 'x 1 EML');
  });

  it('meets the size bounds for x*y, sin(x) and pi', async () => {
    expect(JSON.parse((await run('compile', 'x*y', '--json')).out).K).toBeLessThanOrEqual(41);
    expect(JSON.parse((await run('compile', 'sin(x)', '--json')).out).K).toBeLessThanOrEqual(799);
    expect(JSON.parse((await run('compile', 'pi', '--json')).out).K).toBeLessThanOrEqual(193);
  });

  it('reads Mathematica syntax and prints every format', async () => {
    const m = await run('compile', 'Log[x]', '--syntax', 'mathematica', '--format', 'mathematica');
    expect(m.out.trim()).toBe('EML[1, EML[EML[1, x], 1]]');
    expect((await run('compile', 'ln(x)', '--format', 'latex')).out).toContain('\\operatorname{eml}');
    expect((await run('compile', 'ln(x)', '--format', 'sympy')).out).toContain('log');
    expect((await run('compile', 'ln(x)', '--format', 'c')).out).toContain('double complex eml_formula(double complex x)');
    const js = (await run('compile', 'ln(x)', '--format', 'js')).out;
    // the printed JavaScript runs and computes ln
    const f = new Function(`return (${js})`)() as (x: number) => { re: number; im: number };
    expect(f(Math.E).re).toBeCloseTo(1, 14);
  });

  it('exits 2 with a one-line positioned error on bad input', async () => {
    const r = await run('compile', 'sin(x');
    expect(r.code).toBe(2);
    expect(r.err).toBe("emlw compile: error: expected ')' at column 6, found end of input\n");
    const u = await run('compile', 'x', '--mode', 'fast');
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/--mode: 'fast' is not one of paper, ieee-safe/);
    expect((await run('compile', 'x', '--colour')).err).toMatch(/unknown option --colour/);
    expect((await run('frobnicate')).code).toBe(2);
  });

  it('compiles a 2000-term sum, and its printed tree evaluates to the sum', async () => {
    const sum = Array.from({ length: 2000 }, (_, k) => (k % 2 ? 'x' : 'y')).join(' + ');
    const r = await run('compile', sum, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.input_K).toBe(3999);
    const v = JSON.parse((await run('eval', j.eml, '--syntax', 'eml', '--at', 'x=0.25,y=0.5', '--semantics', j.semantics, '--json')).out);
    expect(v.re).toBeCloseTo(750, 9);
  });

  it('prints help for every command', async () => {
    for (const c of ['compile', 'eval', 'verify-compiler']) {
      const r = await run(c, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`Usage: emlw ${c}`));
    }
    expect((await run('--help')).out).toMatch(/Commands:/);
  });
});

describe('emlw eval', () => {
  it('evaluates at a point, with a chosen semantics and at 40 digits', async () => {
    const r = await run('eval', 'exp(x) - ln(y)', '--at', 'x=0.5,y=2', '--json');
    const j = JSON.parse(r.out);
    expect(j.re).toBeCloseTo(Math.exp(0.5) - Math.log(2), 15);
    expect(j.im).toBe(0);
    const p = JSON.parse((await run('eval', 'eml(1, eml(eml(1, x), 1))', '--at', 'x=-2', '--digits', '40', '--json')).out);
    expect(p.precise.re).toBe('0.6931471805599453094172321214581765680755');
    expect(p.precise.im).toBe('3.141592653589793238462643383279502884197');
    const s = JSON.parse((await run('eval', 'exp(ln(x))', '--at', 'x=0', '--semantics', 'strict', '--json')).out);
    expect(s.defined).toBe(false);
  });

  it('evaluates a 20000-term sum in float64 and at 30 digits', async () => {
    const sum = Array.from({ length: 20_000 }, (_, k) => (k % 2 ? 'x' : '1')).join(' + ');
    const r = await run('eval', sum, '--at', 'x=0.25', '--digits', '30');
    expect(r.code).toBe(0);
    expect(r.out).toBe('12500\n12500   (30 digits)\n');
  });

  it('parses complex literals', () => {
    expect(parseComplexLiteral('1+2i')).toEqual({ re: 1, im: 2 });
    expect(parseComplexLiteral('-0.5i')).toEqual({ re: 0, im: -0.5 });
    expect(parseComplexLiteral('i')).toEqual({ re: 0, im: 1 });
    expect(parseComplexLiteral('-3-i')).toEqual({ re: -3, im: -1 });
    expect(parseComplexLiteral('1e-3')).toEqual({ re: 0.001, im: 0 });
    expect(() => parseComplexLiteral('abc')).toThrow(/not a number/);
  });

  it('names missing or malformed values', async () => {
    expect((await run('eval', 'x + y', '--at', 'x=1')).err).toMatch(/no value for 'y'/);
    expect((await run('eval', 'x', '--at', 'x=1,,x=2')).err).toMatch(/given twice/);
    expect((await run('eval', 'x', '--at', 'x=one')).err).toMatch(/--at x: 'one' is not a number/);
  });
});

describe('emlw eval: one semantics in float, at 40 digits and in the compiled tree', () => {
  const evalJson = async (...a: string[]) => JSON.parse((await run('eval', ...a, '--json')).out) as { re: number | string; im: number | string; defined: boolean; precise?: { re: string; im: string; ok: boolean } };
  const L = Math.log(2 + Math.sqrt(3)); // acosh 2

  // branch-cut inputs with signed zeros; the expected values are the textbook formulas evaluated by hand
  // (Mathematica: N[ArcSin[2]] = 1.5708 − 1.31696 I; the sign of a zero never picks the side)
  const cut: Array<[string, string, number, number]> = [
    ['sqrt(x)', '-4-0i', 0, 2], ['sqrt(x)', '-4+0i', 0, 2], ['ln(x)', '-1-0i', 0, Math.PI], ['asin(x)', '2+0i', Math.PI / 2, -L],
    ['asin(x)', '2-0i', Math.PI / 2, -L], ['acos(x)', '-2-0i', Math.PI, -L], ['acosh(x)', '-2-0i', L, Math.PI],
    ['atanh(x)', '2+0i', Math.log(3) / 2, -Math.PI / 2], ['atan(x)', '-0+2i', Math.PI / 2, Math.log(3) / 2], ['asinh(x)', '-0-2i', -L, -Math.PI / 2],
  ];
  it.each(cut)('%s at x = %s agrees with --digits 40 and with its compiled tree', async (f, x, re, im) => {
    const eml = JSON.parse((await run('compile', f, '--json')).out).eml as string;
    for (const sem of ['ieee', 'extended'] as const) {
      const v = await evalJson(f, '--at', `x=${x}`, '--semantics', sem, '--digits', '40');
      expect(v.re as number).toBeCloseTo(re, 15);
      expect(v.im as number).toBeCloseTo(im, 15);
      expect(Number(v.precise!.re)).toBeCloseTo(re, 15);
      expect(Number(v.precise!.im)).toBeCloseTo(im, 15);
      const c = await evalJson(eml, '--syntax', 'eml', '--at', `x=${x}`, '--semantics', 'extended');
      expect(c.re as number).toBeCloseTo(re, 12);
      expect(c.im as number).toBeCloseTo(im, 12);
    }
  });

  it('gives finite values for sqrt, ln, asin and acosh at 1e300·(1 + i), equal to their closed forms and to 40 digits', async () => {
    // |z| = √2·1e300, Arg z = π/4; asin z = π/4 + i·ln(2|z|), acosh z = ln(2|z|) + iπ/4 (+ O(1e-600))
    const lnAbs = Math.log(1e300) + Math.LN2 / 2;
    const r = 1e150 * 2 ** 0.25;
    const want: Record<string, [number, number]> = {
      'sqrt(x)': [r * Math.cos(Math.PI / 8), r * Math.sin(Math.PI / 8)], 'ln(x)': [lnAbs, Math.PI / 4],
      'asin(x)': [Math.PI / 4, Math.LN2 + lnAbs], 'acosh(x)': [Math.LN2 + lnAbs, Math.PI / 4],
    };
    for (const [f, [re, im]] of Object.entries(want)) {
      for (const sem of ['ieee', 'extended', 'strict'] as const) {
        const v = await evalJson(f, '--at', 'x=1e300+1e300i', '--semantics', sem, '--digits', '40');
        expect(v.defined, `${f} ${sem}`).toBe(true);
        expect(Math.abs((v.re as number) - re) / Math.abs(re), f).toBeLessThan(1e-15);
        expect(Math.abs((v.im as number) - im) / Math.abs(im), f).toBeLessThan(1e-15);
        expect(Math.abs(Number(v.precise!.re) - re) / Math.abs(re), f).toBeLessThan(1e-15);
      }
    }
  });

  it('accepts --digits 1000, its documented maximum, for ln(2) and refuses 1001', async () => {
    const v = await evalJson('ln(2)', '--digits', '1000');
    expect(v.precise!.re.startsWith('0.6931471805599453094172321214581765680755001343602552541206800094933936219696947156058633269964186875')).toBe(true);
    expect(v.precise!.re.length).toBe(1002);
    expect((await run('eval', 'ln(2)', '--digits', '1001')).err).toMatch(/--digits must be an integer from 1 to 1000/);
  });
});

describe('emlw verify-compiler', () => {
  it('covers every unary and binary case, reports errors, and exits 0 when all pass', async () => {
    const r = await run('verify-compiler', '--suite', 'all', '--json');
    const j = JSON.parse(r.out);
    expect(j.cases).toHaveLength(29);
    for (const c of j.cases) {
      for (const k of ['valid', 'nonfinite', 'out_of_domain', 'max_re_err', 'max_im_err', 'ulp_min', 'ulp_max']) expect(c).toHaveProperty(k);
    }
    expect(j.identities.length).toBeGreaterThanOrEqual(40);
    expect(j.failed, JSON.stringify([...j.cases, ...j.identities].filter((c: { passed: boolean }) => !c.passed).map((c: { name: string; failure: string }) => `${c.name}: ${c.failure}`))).toBe(0);
    expect(r.code).toBe(0);
  });
});

describe('the emlw bin', () => {
  const bin = resolve(__dirname, '../../bin/emlw.mjs');
  it('runs as a separate process with exit codes 0 and 2', () => {
    const out = execFileSync(process.execPath, [bin, 'compile', 'ln(x)', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out).K).toBe(7);
    const bad = spawnSync(process.execPath, [bin, 'eval', '1 +'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/column 4/);
  });
});
