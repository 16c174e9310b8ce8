// Sheffer-operator discovery (section 5 of the reference): enumerate unnamed candidate primitives from a small
// generation language (expressions in v0, v1 over seed constants and chosen functions, deduplicated by their
// values at fixed probe tuples), then accept a candidate base — a generated constant with a generated binary
// operation (profile A, where EML lives), a binary alone (B), or a unary with a binary (0) — when it
// regenerates every member of a family already known to be complete, within verifyK tokens, with the
// placeholders x = γ and y = A as extra leaves. Permutation quotienting is applied to finished candidates only
// (f(v0, v1) and f(v1, v0) count once), so it cannot hide two-variable candidates as the reference's does.

import { evaluate } from '../evaluate';
import { type Expr, substitute, variable } from '../expr';
import type { Semantics } from '../semantics';
import { printInfix } from '../syntax/printInfix';
import { CONSTS, opInfo } from '../ops';
import { type Primitive, primitive } from './catalogue';
import { compileLanguage } from './compiledLanguage';
import { Enumerator } from './enumerate';
import { buildLanguage } from './language';
import { GAMMA, GLAISHER, type ProbeSet } from './probes';
import type { StopReason } from './stopReason';

/** The complete families of the reference: passing any one proves a base complete. */
export const FAMILIES: Readonly<Record<string, ReadonlyArray<readonly ['constant' | 'unary' | 'binary', string]>>> = {
  S1_ExpLog_Subtract: [['unary', 'Exp'], ['unary', 'Log'], ['binary', 'Subtract']],
  S2_E_Power_Log: [['constant', 'E'], ['binary', 'Power'], ['binary', 'Log']],
  S3_Exp_LogBinary: [['unary', 'Exp'], ['binary', 'Log']],
  S4_Cosh_ArcCosh_Divide: [['unary', 'Cosh'], ['unary', 'ArcCosh'], ['binary', 'Divide']],
  Wolfram_Mathematica: [['constant', 'I'], ['unary', 'Log'], ['binary', 'Plus'], ['binary', 'Times'], ['binary', 'Power']],
};

export type ShefferProfile = 'A' | 'B' | '0';

export interface ShefferOptions {
  /** Base shapes to try (default A: one constant with one binary operation). */
  profiles?: readonly ShefferProfile[];
  /** Largest generated candidate, in tokens (default 5). */
  genK?: number;
  /** Largest generated constant (default 1: the seed constants themselves). */
  genKConst?: number;
  /** Largest witness length when checking a family (default 11, enough for pure EML's x − y). */
  verifyK?: number;
  /** Seed constants, unary and binary functions of the generation language (formulas / builtin names). */
  genConstants?: readonly string[];
  genUnary?: readonly string[];
  genBinary?: readonly string[];
  /** Families to check (default all). */
  families?: readonly string[];
  /** Count f(v0, v1) and f(v1, v0) once (default false). */
  quotient?: boolean;
  /** Keep only binary candidates that use both v0 and v1 (default true). */
  requireFullDeps?: boolean;
  /** Candidates checked at most (default 100 000). */
  maxCandidates?: number;
  now?: () => number;
  timeLimitMs?: number;
  shouldStop?: () => boolean;
  onProgress?: (p: { checked: number; total: number; hits: number; elapsedMs: number }) => void;
}

/** A candidate base that regenerates a complete family. */
export interface ShefferHit {
  profile: ShefferProfile;
  family: string;
  constant?: string;
  unary?: string;
  /** The binary operation in Mathematica syntax over v0, v1 (Subtract[Exp[v0], Log[v1]]). */
  binary: string;
  /** The same, in infix syntax. */
  binaryInfix: string;
  /** Witness length of each family member. */
  sizes: Record<string, number>;
}

export interface ShefferReport {
  profiles: ShefferProfile[];
  genK: number;
  verifyK: number;
  language: { constants: string[]; unary: string[]; binary: string[] };
  families: string[];
  pool: { constants: number; unary: number; binary: number };
  checked: number;
  hits: ShefferHit[];
  ms: number;
  stop: StopReason;
}

const EPS = 16 * 2 ** -52;
/** Probe tuples of generated binary candidates (section 5.1). */
const BINARY_PROBES: ProbeSet = {
  variables: ['v0', 'v1'],
  points: [{ v0: GAMMA, v1: GLAISHER }, { v0: 1.3, v1: 0.7 }, { v0: { re: 0.8, im: 0.2 }, v1: 1.1 }, { v0: -0.7, v1: { re: 0.4, im: 0.9 } }],
};
/** Probe points of generated unary candidates. */
const UNARY_PROBES: ProbeSet = {
  variables: ['v0'],
  points: [{ v0: -1.3 }, { v0: -0.4 }, { v0: 0.3 }, { v0: 0.9 }, { v0: 2.1 }, { v0: { re: 0.8, im: 0.2 } }],
};
const CHECK_PROBES: ProbeSet = { variables: ['x', 'y'], points: [{ x: GAMMA, y: GLAISHER }] };
const SEMANTICS: Semantics = 'strict';

/** Returns the generated expressions of a language (deduplicated by value at the probes), smallest first. */
function generate(probes: ProbeSet, leaves: readonly string[], unary: readonly string[], binary: readonly string[], maxK: number,
  keep: (deps: number) => boolean, stop: () => boolean): Expr[] {
  if (unary.length + binary.length === 0) {
    return leaves.map((l) => buildLanguage({ probes, leaves: [l], unary: [], binary: ['Plus'] }).leaves[0]!.expr);
  }
  const lang = compileLanguage(buildLanguage({ probes, leaves, unary, binary }), SEMANTICS);
  const en = new Enumerator(lang, { quantizer: { kind: 'absolute', scale: 1e10 } });
  const out: Expr[] = [];
  const memo = new Map<number, Expr>();
  for (let K = 1; K <= maxK; K++) {
    const r = en.grow(K, { shouldStop: stop });
    if ('stopped' in r) break;
    en.commit(K, r.segments);
    const level = en.store.level(K);
    for (let s = 0; s < level.segments.length; s++) {
      const seg = level.segments[s]!;
      for (let i = 0; i < seg.count; i++) if (keep(seg.deps[i]!)) out.push(en.store.toExpr(level.offsets[s]! + i, lang, memo));
    }
  }
  return out;
}

/** Returns a candidate in Mathematica full form, as the reference prints it: Subtract[Exp[v0], Log[v1]]. */
export function printFullForm(t: Expr): string {
  switch (t.kind) {
    case 'num': return t.text;
    case 'var': return t.name;
    case 'const': return CONSTS[t.name].mathematica;
    case 'op': return `${opInfo(t.op).mathematica}[${t.args.map(printFullForm).join(', ')}]`;
  }
}

/** Returns the key of f(v1, v0) and f(v0, v1) at the probes, ordered (for permutation quotienting). */
function permutationKey(f: Expr): string {
  const sig = (swap: boolean) => BINARY_PROBES.points.map((pt) => {
    const v = evaluate(f, swap ? { v0: pt['v1']!, v1: pt['v0']! } : pt, { semantics: SEMANTICS });
    return `${Math.round(v.re * 1e10)},${Math.round(v.im * 1e10)}`;
  }).join(';');
  const a = sig(false), b = sig(true);
  return a < b ? a : b;
}

interface Member { name: string; re: number; im: number }

function memberValue(kind: 'constant' | 'unary' | 'binary', name: string): Member {
  const p: Primitive = primitive(kind, name);
  const v = kind === 'constant' ? evaluate(p.formula, {}, { semantics: 'ieee' })
    : evaluate(p.formula, kind === 'unary' ? { a: GAMMA } : { a: GAMMA, b: GLAISHER }, { semantics: 'ieee' });
  if (!v.defined) throw new Error(`family member ${name} is undefined at the placeholders`);
  return { name: `${name}${kind === 'binary' ? '/2' : kind === 'unary' ? '/1' : ''}`, re: v.re, im: v.im };
}

/**
 * Returns the smallest witness size of each family member (null: not within verifyK) for a base given as a
 * language spec over the leaves x, y (and a constant), stopping as soon as one family is complete.
 */
function checkBase(leaves: readonly string[], unary: readonly string[], binary: readonly string[], verifyK: number,
  families: ReadonlyArray<[string, Member[]]>, stop: () => boolean): { family: string; sizes: Record<string, number> } | null {
  const lang = compileLanguage(buildLanguage({ probes: CHECK_PROBES, leaves, unary, binary }), SEMANTICS, { values: true });
  const en = new Enumerator(lang, { quantizer: { kind: 'absolute', scale: 1e10 } });
  const members = new Map<string, Member>();
  for (const [, ms] of families) for (const m of ms) members.set(m.name, m);
  const found = new Map<string, number>();
  const idOff = lang.identity * 2;
  for (let K = 1; K <= verifyK; K++) {
    const r = en.grow(K, { shouldStop: stop });
    if ('stopped' in r) return null;
    en.commit(K, r.segments);
    for (const seg of r.segments) {
      for (let i = 0; i < seg.count; i++) {
        const re = seg.features[i * lang.stride + idOff]!, im = seg.features[i * lang.stride + idOff + 1]!;
        for (const m of members.values()) {
          if (found.has(m.name)) continue;
          if (Math.hypot(re - m.re, im - m.im) <= EPS * (1 + Math.hypot(re, im) + Math.hypot(m.re, m.im))) found.set(m.name, K);
        }
      }
    }
    for (const [family, ms] of families) {
      if (ms.every((m) => found.has(m.name))) return { family, sizes: Object.fromEntries(ms.map((m) => [m.name, found.get(m.name)!])) };
    }
  }
  return null;
}

/** Returns the candidate bases that regenerate a complete family (see the header). */
export function shefferSearch(opts: ShefferOptions = {}): ShefferReport {
  const now = opts.now ?? (() => 0);
  const t0 = now();
  const profiles = [...(opts.profiles ?? ['A'])];
  const genK = opts.genK ?? 5, genKConst = opts.genKConst ?? 1, verifyK = opts.verifyK ?? 11;
  for (const [name, v, hi] of [['gen-k', genK, 9], ['gen-k-const', genKConst, 5], ['verify-k', verifyK, 15]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > hi) throw new Error(`${name} must be an integer from 1 to ${hi}, got ${v}`);
  }
  for (const p of profiles) if (!['A', 'B', '0'].includes(p)) throw new Error(`unknown profile '${p}' (profiles: A, B, 0)`);
  const familyNames = [...(opts.families ?? Object.keys(FAMILIES))];
  for (const f of familyNames) if (!FAMILIES[f]) throw new Error(`unknown family '${f}' (families: ${Object.keys(FAMILIES).join(', ')})`);
  const families: Array<[string, Member[]]> = familyNames.map((f) => [f, FAMILIES[f]!.map(([k, n]) => memberValue(k, n))]);
  const language = {
    constants: [...(opts.genConstants ?? ['1'])], unary: [...(opts.genUnary ?? ['exp', 'ln'])], binary: [...(opts.genBinary ?? ['sub'])],
  };
  const deadline = opts.timeLimitMs !== undefined ? t0 + opts.timeLimitMs : Infinity;
  let stop: StopReason | null = null;
  const stopped = (): boolean => {
    if (stop) return true;
    if (opts.shouldStop?.()) stop = { kind: 'cancelled' };
    else if (deadline !== Infinity && now() > deadline) stop = { kind: 'timeLimit', ms: opts.timeLimitMs! };
    return stop !== null;
  };
  const fullDeps = opts.requireFullDeps ?? true;
  const maxCandidates = opts.maxCandidates ?? 100_000;

  // the pools: binaries in v0, v1; constants; unaries in v0 (profile 0 only)
  let binaries = generate(BINARY_PROBES, ['v0', 'v1', ...language.constants], language.unary, language.binary, genK,
    (d) => !fullDeps || d === 3, stopped);
  if (opts.quotient) {
    const seen = new Set<string>();
    binaries = binaries.filter((f) => { const k = permutationKey(f); if (seen.has(k)) return false; seen.add(k); return true; });
  }
  const constants = profiles.includes('A')
    ? generate({ variables: [], points: [{}] }, language.constants, genKConst > 1 ? language.unary : [], genKConst > 1 ? language.binary : [], genKConst, () => true, stopped)
    : [];
  const unaries = profiles.includes('0')
    ? generate(UNARY_PROBES, ['v0', ...language.constants], language.unary, language.binary, genK, (d) => d === 1, stopped)
    : [];

  const hits: ShefferHit[] = [];
  let checked = 0;
  const total = (profiles.includes('A') ? constants.length * binaries.length : 0) + (profiles.includes('B') ? binaries.length : 0)
    + (profiles.includes('0') ? unaries.length * binaries.length : 0);
  const asOperator = (f: Expr, arity: 1 | 2): string => `F=${printInfix(arity === 1 ? substitute(f, { v0: variable('a') }) : substitute(f, { v0: variable('a'), v1: variable('b') }))}`;
  const report = (): void => opts.onProgress?.({ checked, total, hits: hits.length, elapsedMs: now() - t0 });
  outer: for (const profile of profiles) {
    const firsts: Array<Expr | null> = profile === 'A' ? constants : profile === '0' ? unaries : [null];
    for (const first of firsts) {
      for (const f of binaries) {
        if (stopped() || checked >= maxCandidates) break outer;
        checked++;
        if (checked % 32 === 0) report();
        const leaves = profile === 'A' ? [printInfix(first!), 'x', 'y'] : ['x', 'y'];
        const unary = profile === '0' ? [asOperator(first!, 1)] : [];
        let hit: ReturnType<typeof checkBase> = null;
        try {
          hit = checkBase(leaves, unary, [asOperator(f, 2)], verifyK, families, stopped);
        } catch {
          hit = null; // a constant that is not a finite leaf value cannot form a base
        }
        if (!hit) continue;
        hits.push({
          profile, family: hit.family, binary: printFullForm(f), binaryInfix: printInfix(f), sizes: hit.sizes,
          ...(profile === 'A' ? { constant: printInfix(first!) } : {}), ...(profile === '0' ? { unary: printFullForm(first!) } : {}),
        });
      }
    }
  }
  report();
  return {
    profiles, genK, verifyK, language, families: familyNames,
    pool: { constants: constants.length, unary: unaries.length, binary: binaries.length },
    checked, hits, ms: now() - t0, stop: stop ?? (checked >= maxCandidates && checked < total ? { kind: 'candidateLimit', limit: maxCandidates, atK: genK } : { kind: 'exhausted', maxK: verifyK }),
  };
}

