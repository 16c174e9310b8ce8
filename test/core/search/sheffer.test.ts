import { describe, expect, it } from 'vitest';
import { shefferSearch } from '../../../src/core/search/sheffer';

describe('shefferSearch', () => {
  it('finds EML with the constant 1 among the operators that generate {exp, ln, −} (both argument orders)', () => {
    const r = shefferSearch({ profiles: ['A'], genK: 5, verifyK: 11, families: ['S1_ExpLog_Subtract'] });
    const hits = r.hits.map((h) => `${h.constant} | ${h.binary}`);
    expect(hits).toContain('1 | Subtract[Exp[v0], Log[v1]]');
    expect(hits).toContain('1 | Subtract[Exp[v1], Log[v0]]');
    // pure EML sizes of exp, ln and x − y
    const eml = r.hits.find((h) => h.binary === 'Subtract[Exp[v0], Log[v1]]')!;
    expect(eml.sizes).toEqual({ 'Exp/1': 3, 'Log/1': 7, 'Subtract/2': 11 });
    expect(r.pool.binary).toBeGreaterThan(10);
    expect(r.checked).toBe(r.pool.binary * r.pool.constants);
  });

  it('counts f(v0, v1) and f(v1, v0) once with quotienting, without hiding EML', () => {
    const r = shefferSearch({ profiles: ['A'], genK: 5, verifyK: 11, families: ['S1_ExpLog_Subtract'], quotient: true });
    expect(r.hits.length).toBe(1);
    expect(r.hits[0]!.binary).toMatch(/^Subtract\[Exp\[v[01]\], Log\[v[01]\]\]$/);
  });

  it('finds no base when the verification budget is too small for any family', () => {
    const r = shefferSearch({ profiles: ['A'], genK: 5, verifyK: 9, families: ['S1_ExpLog_Subtract'] });
    expect(r.hits).toEqual([]);
  });

  it('names unknown families, profiles and bad sizes', () => {
    expect(() => shefferSearch({ families: ['S9'] })).toThrow(/unknown family 'S9'/);
    expect(() => shefferSearch({ profiles: ['Z' as 'A'] })).toThrow(/unknown profile 'Z'/);
    expect(() => shefferSearch({ genK: 0 })).toThrow(/gen-k must be an integer/);
    expect(() => shefferSearch({ genUnary: ['frob'] })).toThrow(/unknown unary operator 'frob'/);
  });
});
