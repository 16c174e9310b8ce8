// Seeded fuzzing of the four text parsers: every input must give an Expr or a ParseError, nothing else,
// and whatever parses must survive print → parse unchanged. Seeds are fixed so failures reproduce.

import { describe, expect, it } from 'vitest';
import { type Expr, equals } from '../../../src/core/expr';
import { OPS } from '../../../src/core/ops';
import {
  ParseError, parseEml, parseInfix, parseMathematica, parseRpn, printEml, printInfix, printMathematica, printRpn,
} from '../../../src/core/syntax';
import { pick, prng } from './helpers';

const RUNS = 100_000;

interface Target {
  readonly name: string;
  readonly parse: (text: string) => Expr;
  readonly print: (t: Expr) => string;
  /** Characters of the syntax (repeats bias the choice). */
  readonly chars: string;
  /** Keywords inserted whole into random strings. */
  readonly words: readonly string[];
  /** Valid tokens joined into random token sequences. */
  readonly tokens: readonly string[];
  /** Separators between tokens. */
  readonly separators: readonly string[];
}

const fnNames = OPS.filter((o) => o.kind === 'function').flatMap((o) => [o.infix, ...o.aliases]);
const heads = OPS.flatMap((o) => [o.mathematica, ...o.mathematicaAliases]);
const NUMBERS = ['0', '1', '2', '0.5', '.5', '1e-3', '2.5E+3', '7.', '1e999', '12'];

const TARGETS: readonly Target[] = [
  {
    name: 'infix',
    parse: parseInfix,
    print: printInfix,
    chars: '0123456789..eE++--**//^^(((()))),,  xyzsinlogpi_π#é\t',
    words: [...fnNames, 'pi', 'e', 'i', 'phi', 'golden_ratio', '**', '1e-3', '2.5E+3', '(', ')'],
    tokens: [...fnNames, ...NUMBERS, 'x', 'y', 'pi', 'e', 'i', 'phi', 'π', '+', '-', '*', '/', '^', '**', '(', '(', ')', ')', ',', ','],
    separators: ['', ' ', ' ', '\n'],
  },
  {
    name: 'mathematica',
    parse: parseMathematica,
    print: printMathematica,
    chars: '0123456789..eE++--**//^^[[[]]]((()),,  xyzSinLogPi_#',
    words: [...heads, 'Pi', 'E', 'I', 'GoldenRatio', '*^', '1*^-3', '[', ']'],
    tokens: [...heads, ...NUMBERS, '1*^-7', 'x', 'y', 'Pi', 'E', 'I', 'GoldenRatio', '+', '-', '*', '/', '^', '[', '[', ']', ']', '(', ')', ',', ','],
    separators: ['', ' ', ' '],
  },
  {
    name: 'eml',
    parse: parseEml,
    print: (t) => printEml(t),
    chars: '1111xy(([[))]],,,  eEmMlL02.',
    words: ['eml', 'EML', 'eml(', 'EML[', '1', 'x', ', ', ')', ']'],
    tokens: ['eml', 'EML', 'eml', '1', '1', 'x', 'y', '(', '(', '[', ')', ')', ']', ',', ',', ',', '2', 'sin', 'pi'],
    separators: ['', ' '],
  },
  {
    name: 'rpn',
    parse: parseRpn,
    print: printRpn,
    chars: '0123456789.eE+-*/^  \t xyEML1',
    words: ['EML', 'E', 'eml', 'neg', 'sin', 'ln', 'log', 'pi', 'e', ' ', ' ', '1e-3'],
    tokens: [...fnNames, ...OPS.map((o) => o.name), ...NUMBERS, 'x', 'y', 'e', 'pi', 'i', 'phi', 'E', 'EML', '+', '-', '*', '/', '^', '**', '1', 'x', '1', 'x', 'EML', 'EML'],
    separators: [' ', ' ', '  ', '\t', ''],
  },
];

function randomString(rnd: () => number, t: Target): string {
  const n = Math.floor(rnd() * 25);
  let s = '';
  for (let k = 0; k < n; k++) s += rnd() < 0.75 ? t.chars[Math.floor(rnd() * t.chars.length)]! : pick(rnd, t.words);
  return s;
}

function randomTokens(rnd: () => number, t: Target): string {
  const n = 1 + Math.floor(rnd() * rnd() * 14);
  let s = '';
  for (let k = 0; k < n; k++) s += (k > 0 ? pick(rnd, t.separators) : '') + pick(rnd, t.tokens);
  return s;
}

/** Parses every generated input; returns how many parsed. Fails on a non-ParseError or a broken round trip. */
function fuzz(t: Target, seed: number, generate: (rnd: () => number, t: Target) => string): number {
  const rnd = prng(seed);
  let parsed = 0;
  for (let run = 0; run < RUNS; run++) {
    const text = generate(rnd, t);
    let tree: Expr;
    try {
      tree = t.parse(text);
    } catch (e) {
      if (e instanceof ParseError) continue;
      expect.fail(`${t.name} input #${run} (seed ${seed}) ${JSON.stringify(text)} threw ${String(e)}`);
    }
    if (!['num', 'var', 'const', 'op'].includes(tree.kind)) expect.fail(`${t.name} ${JSON.stringify(text)} returned a non-Expr`);
    const printed = t.print(tree);
    if (!equals(t.parse(printed), tree)) expect.fail(`${t.name} ${JSON.stringify(text)} printed as ${printed}, which re-parses differently`);
    parsed++;
  }
  return parsed;
}

describe('parser fuzzing', () => {
  for (const [k, t] of TARGETS.entries()) {
    it(`${t.name} parser gives an Expr or a ParseError for ${RUNS} random strings`, () => {
      const parsed = fuzz(t, 1000 + k, randomString);
      expect(parsed).toBeGreaterThan(100);
    });

    it(`${t.name} parser gives an Expr or a ParseError for ${RUNS} random token sequences`, () => {
      const parsed = fuzz(t, 2000 + k, randomTokens);
      expect(parsed).toBeGreaterThan(1000);
    });
  }
});
