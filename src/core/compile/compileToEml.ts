// The compiler: any elementary formula → a pure EML tree over the leaf 1 and the formula's variables.
// Start here: compileToEml() canonicalises a node (rewrites.ts), looks its primitive up in the rule
// table (rules.ts), instantiates every form allowed in the mode with the already-compiled arguments,
// compiles those instances recursively and keeps the shortest. Equal subtrees are compiled once and
// shared, so K (which counts every occurrence) can be huge while the work stays small.
// Depth: the input is compiled bottom-up without recursion, and a compiled tree is never walked again when it is
// an argument of a template, so the recursion goes no deeper than one template, whatever the depth of the formula
// or of its compiled tree. Chains stay as parsed: in a + b the operand b passes through exp (rules.ts, sub), so
// regrouping a long sum would put partial sums there and overflow where single terms do not.

import { type Expr, ONE, apply, depth, eml, equals, hash, leafCount, size, substitute, variable } from '../expr';
import type { OpName } from '../ops';
import { parseInfix } from '../syntax/parseInfix';
import { foldTree } from '../foldTree';
import { canonicalize } from './rewrites';
import { type CompileMode, RULES, type Rule, type RuleForm } from './rules';

export interface CompileOptions {
  mode?: CompileMode;
  /** Replacement rule table (defaults to RULES); later work swaps in shorter forms here. */
  rules?: readonly Rule[];
  /**
   * 'robust' (default): skip forms with a known edge failure when the rule has another form in the mode (searched
   * forms with an edge are skipped always);
   * 'shortest': consider every form of the mode.
   */
  prefer?: 'robust' | 'shortest';
}

/** A compiled formula with its size, depth and the semantics under which it is exact. */
export interface CompileResult {
  input: Expr;
  eml: Expr;
  K: number;
  depth: number;
  leaves: number;
  mode: CompileMode;
  /** 'extended' when the tree evaluates ln 0 = −∞ on purpose (paper mode), else 'ieee'. */
  semantics: 'ieee' | 'extended';
  /** Names of the rules whose forms ended up in the tree. */
  rulesUsed: string[];
}

/** The primitive (rule name) that implements each operator. */
const RULE_OF_OP: Readonly<Record<OpName, string>> = {
  eml: 'eml', add: 'add', sub: 'sub', mul: 'mul', div: 'div', pow: 'pow', neg: 'neg', exp: 'exp', ln: 'ln',
  log: 'log_base', sqrt: 'sqrt', sqr: 'sqr', inv: 'inv', half: 'half', avg: 'avg', hypot: 'hypot',
  sin: 'sin', cos: 'cos', tan: 'tan', sec: 'sec', csc: 'csc', cot: 'cot', asin: 'asin', acos: 'acos',
  atan: 'atan', asec: 'asec', acsc: 'acsc', acot: 'acot', sinh: 'sinh', cosh: 'cosh', tanh: 'tanh',
  asinh: 'asinh', acosh: 'acosh', atanh: 'atanh', sigmoid: 'sigmoid',
};

const CONST_RULE = { e: 'e', pi: 'pi', i: 'i', phi: 'golden_ratio' } as const;

/** Prefix of the placeholder variables that stand for rule references inside templates. */
const REF = '#';

interface Out {
  tree: Expr;
  infinity: boolean;
  rules: ReadonlySet<string>;
}

interface PreparedForm { form: RuleForm; expr: Expr }

const templateCache = new WeakMap<readonly Rule[], Map<string, PreparedForm[]>>();

function prepareTemplates(rules: readonly Rule[]): Map<string, PreparedForm[]> {
  const hit = templateCache.get(rules);
  if (hit) return hit;
  const byName = new Map(rules.map((r) => [r.name, r] as const));
  const out = new Map<string, PreparedForm[]>();
  for (const r of rules) {
    const forms = r.forms.map((form) => {
      let expr: Expr;
      try {
        expr = parseInfix(form.template);
      } catch (e) {
        throw new Error(`compile: rule '${r.name}' has a malformed template '${form.template}': ${(e as Error).message}`);
      }
      // parameters become #a, #b; names of arity-0 rules become #name (users cannot type '#')
      const refs: Record<string, Expr> = {};
      for (const name of collectVariables(expr)) {
        if (r.params.includes(name)) refs[name] = variable(REF + name);
        else if (byName.get(name)?.params.length === 0) refs[name] = variable(REF + name);
        else throw new Error(`compile: rule '${r.name}' template '${form.template}' uses unknown name '${name}'`);
      }
      return { form, expr: substitute(expr, refs) };
    });
    out.set(r.name, forms);
  }
  templateCache.set(rules, out);
  return out;
}

function collectVariables(t: Expr): string[] {
  if (t.kind === 'var') return [t.name];
  if (t.kind === 'op') return [...new Set(t.args.flatMap(collectVariables))];
  return [];
}

const MAX_SAFE = 2 ** 53;

class Compiler {
  private readonly byObject = new Map<Expr, Out>();
  private readonly byHash = new Map<number, Array<[Expr, Out]>>();
  private readonly refs = new Map<string, Out>();
  private readonly ints = new Map<number, Out>();
  private readonly templates: Map<string, PreparedForm[]>;

  constructor(readonly mode: CompileMode, readonly rules: readonly Rule[], readonly prefer: 'robust' | 'shortest') {
    this.templates = prepareTemplates(rules);
  }

  /** Compiles every node of t after its arguments (no recursion over the formula's depth); returns t's result. */
  compileAll(t: Expr): Out {
    return foldTree<Out>(t, new Map(), (n) => this.compile(n), (n) => this.compile(n));
  }

  compile(n: Expr): Out {
    const hit = this.byObject.get(n);
    if (hit) return hit;
    const h = hash(n);
    const bucket = this.byHash.get(h);
    const same = bucket?.find(([e]) => equals(e, n));
    if (same) { this.byObject.set(n, same[1]); return same[1]; }
    const out = this.compileFresh(n);
    this.byObject.set(n, out);
    if (bucket) bucket.push([n, out]); else this.byHash.set(h, [[n, out]]);
    // A pure EML tree compiles to itself, with no rule and no infinity of its own (the forms that made it are
    // counted where it was made), so a template instance holding it stops here instead of walking it again.
    if (!this.byObject.has(out.tree)) this.byObject.set(out.tree, leafOut(out.tree));
    return out;
  }

  private compileFresh(n: Expr): Out {
    switch (n.kind) {
      case 'var':
        if (n.name.startsWith(REF)) return this.reference(n.name.slice(REF.length));
        return leafOut(n);
      case 'const': return this.reference(CONST_RULE[n.name]);
      case 'num': return this.number(n.value, n.text);
      case 'op': {
        const c = canonicalize(n);
        if (c !== n) return this.compile(c);
        const args = n.args.map((a) => this.compile(a));
        if (n.op === 'eml') {
          const [a, b] = args as [Out, Out];
          const tree = a.tree === n.args[0] && b.tree === n.args[1] ? n : eml(a.tree, b.tree);
          return { tree, infinity: a.infinity || b.infinity, rules: union(a.rules, b.rules) };
        }
        return this.instantiate(RULE_OF_OP[n.op], args);
      }
    }
  }

  /** Compiles every allowed form of rule `name` with the given compiled arguments; returns the shortest. */
  private instantiate(name: string, args: Out[]): Out {
    const forms = this.templates.get(name);
    if (!forms) throw new Error(`compile: no rule for '${name}'`);
    const inMode = forms.filter(({ form }) => form.modes.includes(this.mode));
    const robust = inMode.filter(({ form }) => !form.edge);
    const fallback = inMode.filter(({ form }) => !form.shortestOnly);
    const candidates = this.prefer === 'shortest' ? inMode : robust.length ? robust : fallback.length ? fallback : inMode;
    let best: Out | undefined;
    for (const { form, expr } of candidates) {
      const rule = this.rules.find((r) => r.name === name)!;
      const bind: Record<string, Expr> = {};
      rule.params.forEach((p, i) => { bind[REF + p] = args[i]!.tree; });
      const out = this.compile(substitute(expr, bind));
      if (!best || size(out.tree) < size(best.tree)) {
        const argInf = args.some((a) => a.infinity);
        best = {
          tree: out.tree,
          infinity: out.infinity || argInf || form.usesInfinity === true,
          rules: union(out.rules, ...args.map((a) => a.rules), new Set([name])),
        };
      }
    }
    if (!best) throw new Error(`compile: rule '${name}' has no form for mode '${this.mode}'`);
    return best;
  }

  private reference(name: string): Out {
    const hit = this.refs.get(name);
    if (hit) return hit;
    const out = this.instantiate(name, []);
    this.refs.set(name, out);
    return out;
  }

  private number(value: number, text: string): Out {
    if (Number.isInteger(value)) return this.integer(value, text);
    const [p, q] = exactRational(text);
    if (p > BigInt(MAX_SAFE) || q > BigInt(MAX_SAFE)) {
      throw new Error(`compile: the literal ${text} needs more than 53 bits as a fraction; write it as a quotient`);
    }
    return this.compile(apply('div', numLiteral(Number(p)), numLiteral(Number(q))));
  }

  private integer(n: number, text: string): Out {
    if (n > MAX_SAFE) throw new Error(`compile: the integer ${text} is too large to compile exactly (limit 2^53)`);
    if (n === 1) return leafOut(ONE);
    if (n === 0) return this.reference('0');
    if (n === 2) return this.reference('2');
    const hit = this.ints.get(n);
    if (hit) return hit;
    // binary ladder: even n = 2·(n/2) or (n/2) + (n/2); odd n = (n − 1) + 1 or (n + 1) − 1
    const candidates: Expr[] = [];
    if (n % 2 === 0) {
      const h = this.integer(n / 2, String(n / 2)).tree;
      candidates.push(apply('mul', numLiteral(2), h), apply('add', h, h));
    } else {
      candidates.push(apply('add', this.integer(n - 1, String(n - 1)).tree, ONE));
      candidates.push(apply('sub', this.integer(n + 1, String(n + 1)).tree, ONE));
    }
    let best: Out | undefined;
    for (const c of candidates) {
      const out = this.compile(c);
      if (!best || size(out.tree) < size(best.tree)) best = out;
    }
    this.ints.set(n, best!);
    return best!;
  }
}

function leafOut(tree: Expr): Out {
  return { tree, infinity: false, rules: new Set() };
}

function numLiteral(v: number): Expr {
  return { kind: 'num', value: v, text: String(v) };
}

function union(...sets: ReadonlySet<string>[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const s of sets) for (const x of s) out.add(x);
  return out;
}

/** Returns the exact fraction p/q (reduced) that a decimal literal such as "0.125" or "1.5e-3" denotes. */
export function exactRational(text: string): [bigint, bigint] {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`compile: '${text}' is not a decimal literal`);
  const intPart = m[1] ?? '', frac = m[2] ?? '', exp = Number(m[3] ?? '0');
  if (Math.abs(exp) > 400) throw new Error(`compile: the exponent of ${text} is out of range`);
  let p = BigInt((intPart + frac).replace(/^0+(?=\d)/, '') || '0');
  let q = 10n ** BigInt(frac.length);
  if (exp > 0) p *= 10n ** BigInt(exp); else q *= 10n ** BigInt(-exp);
  const g = gcd(p, q);
  return [p / g, q / g];
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/**
 * Returns the pure-EML compilation of a formula, with its size K, depth and required semantics.
 * @example compileToEml(parseInfix('ln(x)')).K === 7
 */
export function compileToEml(t: Expr, opts: CompileOptions = {}): CompileResult {
  const mode = opts.mode ?? 'paper';
  const compiler = new Compiler(mode, opts.rules ?? RULES, opts.prefer ?? 'robust');
  const out = compiler.compileAll(t);
  return {
    input: t,
    eml: out.tree,
    K: size(out.tree),
    depth: depth(out.tree),
    leaves: leafCount(out.tree),
    mode,
    semantics: out.infinity ? 'extended' : 'ieee',
    rulesUsed: [...out.rules].sort(),
  };
}
