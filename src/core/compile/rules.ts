// The compiler's rule table: one entry per primitive, each with one or more pure-EML templates.
// Templates are infix formulas over the parameters `a`, `b` and the names of other entries of arity 0
// (zero, neginf, minus_i ...); every function they call is itself an entry, so the table bootstraps
// from eml alone. The compiler tries every form allowed in its mode and keeps the shortest result,
// so a later search can add shorter forms without touching the compiler.
//
// Modes: 'paper' may use ln 0 = −∞ (the form `neginf`), correct under the 'extended' semantics;
// 'ieee-safe' never builds an infinity from constants (no ln 0 in any constant subtree).
// Branch notes: sub(a, b) = eml(ln a, exp b) is exact when Im b ∈ (−π, π]; results that pass through
// exp are insensitive to 2πi slips. The constants i and π are built so that no logarithm ever sees
// a value on its branch cut except exactly real negatives (whose Arg is exactly π): see `minus_i_pi`.
// Branch cuts: a primitive with a cut must give, on the cut itself, the value of its textbook formula (the side
// reached counter-clockwise, as complexInverse.ts), like the evaluators. Where a template's inner ln or √ meets
// its own cut, the argument is built to be exactly real (1 − a as sub(1, a) for real a) or to carry rounding on
// the side the convention names: a − (−1) = exp(ln a) + 1 lands just above the axis for a < 0 (sin π > 0 in
// float), and i·a (the compiled i lies 8·10⁻¹⁶ clockwise of i) or a product with `one_below` tilts values the
// right way. The cut suite (verify/cuts.ts) checks every such point on both sides and with ±0.

import { SEARCHED_FORMS } from './searchedForms';

export type CompileMode = 'paper' | 'ieee-safe';

/** The compile modes. */
export const COMPILE_MODES: readonly CompileMode[] = ['paper', 'ieee-safe'];

export interface RuleForm {
  /** Infix template over the rule's parameters and arity-0 rule names. */
  readonly template: string;
  /** Modes allowed to use this form. */
  readonly modes: readonly CompileMode[];
  /** True when the form itself evaluates ln 0 = −∞ (needs the 'extended' semantics). */
  readonly usesInfinity?: boolean;
  /**
   * Where the form gives a non-finite or wrong value although the primitive is defined there
   * (e.g. an infinite argument loses its phase). Such forms are used only when the compiler is asked
   * for the shortest trees, or when no robust form exists in the mode.
   */
  readonly edge?: string;
  /**
   * A searched form with an edge: used only when the shortest trees are asked for, never as the fallback of a
   * mode without robust forms (its edge may be a wrong finite value, unlike the hand-written edges at ±∞).
   */
  readonly shortestOnly?: boolean;
}

export interface Rule {
  /** Primitive name, as in the reference table (sub, neg, log_base, golden_ratio ...) or an internal helper. */
  readonly name: string;
  readonly params: readonly string[];
  readonly forms: readonly RuleForm[];
  /** What the rule computes and why its forms are correct. */
  readonly note: string;
  /** Internal helpers are not calculator primitives (neginf, minus_i ...). */
  readonly internal?: boolean;
}

const BOTH: readonly CompileMode[] = ['paper', 'ieee-safe'];
const PAPER: readonly CompileMode[] = ['paper'];
const SAFE: readonly CompileMode[] = ['ieee-safe'];

function rule(name: string, params: string[], note: string, ...forms: Array<string | RuleForm>): Rule {
  return { name, params, note, forms: forms.map((f) => (typeof f === 'string' ? { template: f, modes: BOTH } : f)) };
}
function helper(name: string, note: string, ...forms: Array<string | RuleForm>): Rule {
  return { ...rule(name, [], note, ...forms), internal: true };
}
const paper = (template: string): RuleForm => ({ template, modes: PAPER, usesInfinity: true });
const edgy = (template: string, edge: string, modes: readonly CompileMode[] = BOTH): RuleForm => ({ template, modes, edge });
const safe = (template: string): RuleForm => ({ template, modes: SAFE });

/** The hand-written rules. Order matters only for ties (the first shortest form wins). */
const BASE_RULES: readonly Rule[] = [
  // ---- constants
  rule('e', [], 'e = exp(1) − ln 1', 'eml(1, 1)'),
  rule('0', [], '0 = e − ln(exp(e)) = ln 1', 'eml(1, eml(eml(1, 1), 1))'),
  helper('zero', 'alias of 0 for templates', 'eml(1, eml(eml(1, 1), 1))'),
  helper('neginf', '−∞ = e − ln(e − ln 0): the paper\'s extended-real constant', paper('eml(1, eml(1, zero))')),
  rule('-1', [], '−1 = exp(−∞) − ln e (paper); (e − 1) − e through ln(e − 1) (finite)',
    paper('eml(neginf, e)'),
    safe('eml(eml(1, eml(eml(1, eml(1, eml(1, 1))), 1)), eml(eml(1, 1), 1))')),
  helper('minus_one', 'alias of −1 for templates',
    paper('eml(neginf, e)'),
    safe('eml(eml(1, eml(eml(1, eml(1, eml(1, 1))), 1)), eml(eml(1, 1), 1))')),
  rule('2', [], '2, the shortest form found by exhaustive search (all intermediates real and finite)',
    'eml(1, eml(eml(eml(1, eml(eml(1, eml(1, eml(1, 1))), 1)), eml(1, 1)), 1))'),
  helper('two', 'alias of 2 for templates', 'eml(1, eml(eml(eml(1, eml(eml(1, eml(1, eml(1, 1))), 1)), eml(1, 1)), 1))'),
  helper('minus_i_pi',
    '−iπ = exp(x) − ln(−1) with exp(x) = 0 (paper) or (e − iπ) − e (finite): ln sees −1 exactly, so Arg = +π with no rounding ambiguity',
    paper('eml(neginf, minus_one)'),
    safe('eml(ln(eml(1, minus_one)), exp(e))')),
  helper('one_below', 'e^{4πi} = 1, whose float value lies just below 1 (phase −1.1·10⁻¹⁴ in both modes): a product with it turns a value on a cut to the side the convention names',
    'exp(ln(minus_one)*two*two)'),
  helper('minus_i', '−i = exp(exp(ln(−iπ) − ln 2)) = exp(−iπ/2); every log argument is far from the cut',
    'exp(exp(eml(ln(ln(minus_i_pi)), two)))'),
  rule('i', [], 'i = −(−i) or 1/(−i)', '-minus_i', 'inv(minus_i)'),
  rule('pi', [], 'π = exp(ln(−iπ) − ln(−i)) = exp(ln π − iπ/2 + iπ/2)', 'exp(eml(ln(ln(minus_i_pi)), minus_i))'),
  rule('golden_ratio', [], 'φ = (1 + √5)/2', 'half(1 + sqrt(5))', 'avg(1, sqrt(5))'),

  // ---- unary
  rule('exp', ['a'], 'exp a = eml(a, 1)', 'eml(a, 1)'),
  rule('ln', ['a'], 'ln a = e − ln(exp(e − ln a)); exact for every a (the inner Im lies in [−π, π))', 'eml(1, eml(eml(1, a), 1))'),
  rule('neg', ['a'], '−a = exp(−∞) − ln(exp a) (paper) or (e − a) − e (finite); needs Im a ∈ (−π, π]',
    paper('eml(neginf, exp(a))'),
    safe('eml(ln(eml(1, exp(a))), exp(e))')),
  rule('inv', ['a'], '1/a = exp(−ln a), with −ln a = exp(−∞) − ln a (paper) or (e − ln a) − e (finite)',
    paper('exp(eml(neginf, a))'),
    safe('exp(eml(ln(eml(1, a)), exp(e)))')),
  rule('half', ['a'], 'a/2 = exp(−ln(2/a)); the quotient form keeps the phase of a = −∞, so √0 = exp(½·ln 0) = 0',
    paper('exp(eml(neginf, two/a))'),
    edgy('a/two', 'a = ±∞: ln(ln a) drops the phase of the infinity, so √0 gives ∞')),
  rule('sqr', ['a'], 'a²', 'a*a', 'exp(ln(a) + ln(a))'),
  rule('sqrt', ['a'], '√a = exp(ln(a)/2)', 'exp(half(ln(a)))'),
  rule('sinh', ['a'], '(e^a − e^−a)/2', 'half(exp(a) - exp(-a))', 'half(exp(a) - inv(exp(a)))'),
  rule('cosh', ['a'], '(e^a + e^−a)/2', 'half(exp(a) + exp(-a))', 'avg(exp(a), exp(-a))'),
  rule('tanh', ['a'], '1 − 2/(e^2a + 1) = (e^2a − 1)/(e^2a + 1)',
    '1 - two/(exp(a + a) + 1)',
    '(exp(a + a) - 1)/(exp(a + a) + 1)'),
  rule('sin', ['a'], 'sin a = −i·(e^ia − e^−ia)/2',
    'half(exp(i*a) - exp(minus_i*a))*minus_i'),
  rule('cos', ['a'], 'cos a = (e^ia + e^−ia)/2', 'half(exp(i*a) + exp(minus_i*a))'),
  rule('tan', ['a'], 'tan a = −i·(e^ia − e^−ia)/(e^ia + e^−ia)',
    'minus_i*((exp(i*a) - exp(minus_i*a))/(exp(i*a) + exp(minus_i*a)))',
    'sin(a)/cos(a)'),
  rule('sec', ['a'], '1/cos a', 'inv(cos(a))'),
  rule('csc', ['a'], '1/sin a', 'inv(sin(a))'),
  rule('cot', ['a'], 'cos a / sin a', 'cos(a)/sin(a)'),
  rule('asinh', ['a'], 'ln(a + √(a² + 1)); a² times `one_below` (= 1) puts a² + 1 just above the cut of √ for a on ±i(1, ∞)',
    'ln(a + sqrt(sqr(a)*one_below - minus_one))',
    edgy('ln(a + sqrt(sqr(a) + 1))', 'on the cut −i(1, ∞) the rounding of a² + 1 picks the side of the cut')),
  rule('acosh', ['a'], 'ln(a + √(a + 1)·√(a − 1)) = 2·ln(√(a + 1) + √(a − 1)) − ln 2 (Kahan): on the cut the outer ln sees no negative real',
    'two*ln(sqrt(a - minus_one) + sqrt(a - 1)) - ln(two)',
    edgy('ln(a + sqrt(a + 1)*sqrt(a - 1))', 'on the cut (−∞, −1) rounding picks the side; wrong where |Im a| > π')),
  rule('atanh', ['a'], '(ln(1 + a) − ln(1 − a))/2; 1 + a = a − (−1), 1 − a = (a − 1)·(−1): exact or just above the cut for real a',
    'half(ln(a - minus_one) - ln((a - 1)*minus_one))',
    edgy('half(ln(1 + a) - ln(1 - a))', 'wrong where |Im a| > π: 1 − a passes through ln(exp(a))')),
  rule('asin', ['a'], '−i·ln(ia + √(1 − a)·√(1 + a)) (√(1 − a²) as a product: exact on the cuts for real a)',
    'minus_i*ln(i*a + sqrt((a - 1)*minus_one)*sqrt(a - minus_one))',
    edgy('minus_i*ln(i*a + sqrt(1 - sqr(a)))', 'on the cut (−∞, −1) the rounding of 1 − a² can pick the lower side')),
  rule('acos', ['a'], 'π/2 − asin a', 'half(pi) - asin(a)'),
  rule('atan', ['a'], '(i/2)·(ln(1 − ia) − ln(1 + ia)), 1 ± ia as ±ia − (−1): no ln(exp(·)) wraps, and on ±i(1, ∞) the rounding of i·a picks the counter-clockwise side',
    'half(i)*(ln(minus_i*a - minus_one) - ln(i*a - minus_one))',
    edgy('half(i)*ln((a + i)/(i - a))', 'on the cuts ±i(1, ∞) the clockwise side; wrong where |Im a| > π'),
    edgy('half(i*ln((a + i)/(i - a)))', 'on the cuts ±i(1, ∞) the clockwise side; wrong where |Im a| > π'),
    edgy('half(i)*(ln(1 - i*a) - ln(1 + i*a))', '|a| > π: 1 − ia passes through ln(exp(ia)), which wraps')),
  rule('asec', ['a'], 'acos(1/a); 1/a tilted by `one_below` takes the side of the cut (−1, 1) the convention names',
    'acos(inv(a)*one_below)', edgy('acos(inv(a))', 'on the cut (−1, 0) the other side')),
  rule('acsc', ['a'], 'asin(1/a); 1/a tilted as in asec', 'asin(inv(a)*one_below)', edgy('asin(inv(a))', 'on the cut (−1, 0) the other side')),
  rule('acot', ['a'], 'atan(1/a) = (i/2)·(ln(1 − i/a) − ln(1 + i/a)), 1 ∓ i/a built as in atan',
    'half(i)*(ln((i/a - 1)*minus_one) - ln(i/a - minus_one))',
    edgy('atan(inv(a))', 'on the cut i(−1, 1) the rounding of 1/a can pick the other side')),
  rule('sigmoid', ['a'], '1/(1 + e^−a)', 'inv(exp(-a) + 1)', 'inv(inv(exp(a)) + 1)',
    edgy('inv(1 + exp(-a))', 'a < −6.5: 1 + w evaluates exp(w) with w = e^−a, which overflows')),

  // ---- binary
  rule('sub', ['a', 'b'], 'a − b = exp(ln a) − ln(exp b); needs Im b ∈ (−π, π] and Re b below ~709 (exp b must not overflow)', 'eml(ln(a), exp(b))'),
  rule('add', ['a', 'b'], 'a + b = a − (−b)', 'a - (-b)'),
  rule('mul', ['a', 'b'], 'a·b = exp(ln a − (−ln b)); a 2πi slip vanishes in the final exp',
    paper('exp(ln(a) - eml(neginf, b))'),
    safe('exp(ln(a) - eml(ln(eml(1, b)), exp(e)))'),
    'exp(eml(ln(ln(a)), inv(b)))'),
  rule('div', ['a', 'b'], 'a/b = exp(ln a − ln b), ln a − ln b = exp(ln(ln a)) − ln b', 'exp(eml(ln(ln(a)), b))'),
  rule('pow', ['a', 'b'], 'a^b = exp(b·ln a)', 'exp(b*ln(a))'),
  rule('log_base', ['a', 'b'], 'log_a b = ln b / ln a (the base comes first)', 'ln(b)/ln(a)'),
  rule('avg', ['a', 'b'], '(a + b)/2', 'half(a + b)'),
  rule('hypot', ['a', 'b'], '√(a² + b²); the sum times `one_below` (= 1) lies just above the cut of √ when it is real and negative',
    'sqrt((sqr(a) + sqr(b))*one_below)',
    edgy('sqrt(sqr(a) + sqr(b))', 'where a² + b² < 0 the rounding of the squares picks the side of the cut')),
];

// ---- shortest forms found by the exhaustive search (searchedForms.ts) join their primitive's rule, after the
// hand-written forms (so those win ties): strict forms in both modes, shorter extended forms in paper mode.

/** The rule table: the hand-written rules, each followed by the searched forms of its primitive. */
export const RULES: readonly Rule[] = BASE_RULES.map((r) => {
  const searched = SEARCHED_FORMS.filter((f) => f.primitive === r.name).map((f): RuleForm => ({
    template: f.template, modes: f.semantics === 'strict' ? BOTH : PAPER,
    ...(f.semantics === 'extended' ? { usesInfinity: true } : {}), ...(f.edge ? { edge: f.edge, shortestOnly: true } : {}),
  }));
  return searched.length ? { ...r, forms: [...r.forms, ...searched] } : r;
});

/** Returns the rule named `name`, or undefined. */
export function findRule(name: string): Rule | undefined {
  return RULES.find((r) => r.name === name);
}
