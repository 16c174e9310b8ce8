import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

describe('emlw recognize', () => {
  it('recognize --const 2 --json reports K 19 with the tree in EML, RPN and LaTeX and its verification', async () => {
    const r = await run('recognize', '--const', '2', '--json', '--quiet');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.K).toBe(19);
    expect(j.hits[0].eml).toBe('eml(1, eml(eml(eml(1, eml(eml(1, eml(1, eml(1, 1))), 1)), eml(1, 1)), 1))');
    expect(j.hits[0].rpn.split(' ')).toHaveLength(19);
    expect(j.hits[0].latex).toContain('\\operatorname{eml}');
    expect(j.hits[0].verification).toMatchObject({ verified: true, digits: 40 });
    expect(j.minimality).toMatch(/no pure-EML tree over \{1\} with K < 19 matched/);
    expect(j.stop).toEqual({ kind: 'found', K: 19 });
  });

  it('recognize --fn prints the shortest tree and progress on stderr; --semantics strict changes −x from 15 to 17', async () => {
    const ext = await run('recognize', '--fn', '-x');
    expect(ext.code).toBe(0);
    expect(ext.out).toMatch(/^K 15, depth/m);
    expect(ext.err).toMatch(/K=13: no match/);
    const strict = await run('recognize', '--fn', '-x', '--semantics', 'strict', '--quiet', '--threads', '1');
    expect(strict.out).toMatch(/^K 17, depth/m);
    expect(strict.err).toBe('');
  });

  it('exits 1 when no tree is found within the limits', async () => {
    const r = await run('recognize', '--const', 'pi', '--max-k', '13', '--quiet');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/no tree found/);
    expect(r.out).toMatch(/K ≤ 13 matched/);
  });

  it.each([
    [['recognize', '--const', '2 +'], /malformed constant target '2 \+'/],
    [['recognize', '--fn', '2'], /has no variable; use --const/],
    [['recognize'], /give exactly one of --const VALUE or --fn FORMULA/],
    [['recognize', '--const', '2', '--max-k', '0'], /--max-k must be an integer from 1 to 199/],
    [['recognize', '--const', '2', '--max-k', '100000'], /--max-k must be an integer from 1 to 199/],
    [['recognize', '--const', '2', '--leaves', '1,z'], /leaf 'z' uses the variable z/],
    [['recognize', '--const', '2', '--semantics', 'fuzzy'], /--semantics: 'fuzzy' is not one of/],
    [['recognize', '--const', '2', '--tolerance', '1e-15'], /--tolerance: the tolerance must be at least 2\^-40 ≈ 9\.1e-13 .*cannot be honoured/],
    [['recognize', '--const', '2', '--tolerance', '1e-3'], /--tolerance: the tolerance must be at least 2\^-40 ≈ 9\.1e-13 and below 0\.001, got 0\.001/],
    [['verify-basis', '--constants', '1', '--binary', 'Frobnicate'], /--binary: unknown binary function 'Frobnicate'/],
    [['verify-basis', '--constants', '1'], /needs at least one --unary or --binary/],
    [['verify-basis', '--constants', '1', '--binary', 'EML', '--max-k', '50'], /--max-k must be an integer from 1 to 20/],
    [['sheffer', '--arity', '3'], /--arity 3 is not supported yet/],
    [['sheffer', '--families', 'S7'], /unknown family 'S7'/],
    [['shortest'], /needs --table/],
    [['shortest', '--table', '--only', 'nope'], /unknown primitive\(s\) nope/],
  ])('bad input %j exits 2 with a one-line error', async (argv, message) => {
    const r = await run(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('prints help for every search command', async () => {
    for (const c of ['recognize', 'shortest', 'verify-basis', 'sheffer']) {
      const r = await run(c, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`Usage: emlw ${c}`));
    }
  });
});

describe('emlw verify-basis, sheffer, shortest', () => {
  it('verify-basis --constants 1 --binary EML --explain --json completes the 32-step chain with largest K 6', async () => {
    const r = await run('verify-basis', '--constants', '1', '--binary', 'EML', '--explain', '--json', '--quiet');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.complete).toBe(true);
    expect(j.chain).toHaveLength(32);
    expect(j.largestK).toBe(6);
    expect(j.chain[2]).toMatchObject({ name: 'Log', K: 6, witness: 'EML[1, Exp[EML[1, x]]]' });
  });

  it('sheffer reports EML with the constant 1 among its hits', async () => {
    const r = await run('sheffer', '--families', 'S1_ExpLog_Subtract', '--quiet');
    expect(r.code).toBe(0);
    expect(r.out).toContain('HIT[S1_ExpLog_Subtract] const=1 | binary=Subtract[Exp[v0], Log[v1]]');
  });

  it('shortest --table prints the minimal K beside the reference columns', async () => {
    const r = await run('shortest', '--table', '--only', '0,-1,neg,sub', '--max-k', '17', '--json', '--quiet');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const K = (name: string, s: string) => j.rows.find((x: { name: string }) => x.name === name).results[s].K;
    expect([K('0', 'extended'), K('-1', 'extended'), K('-1', 'strict'), K('neg', 'extended'), K('neg', 'strict'), K('sub', 'strict')]).toEqual([7, 15, 17, 15, 17, 11]);
    const text = await run('shortest', '--table', '--only', '-1', '--max-k', '17', '--quiet');
    expect(text.out).toMatch(/^-1\s+15\s+17\s+15\s+17/m);
  });
});
