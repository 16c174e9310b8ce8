// Gradient training inside a discovery: the general master tree (train/seeded.ts: every node input chooses
// among 1, the inputs, a trainable constant and its child) started from the best formulas the searches have
// found so far that are not yet exact (their EML trees, with noisy logits), plus a few random starts. What it
// snaps to comes back as models whose decimal leaves are fitted constants, so they are ranked, snapped to
// closed forms and reported like every other model: trained results join the one front.

import { type Expr, apply, depth, variable } from '../expr';
import { trainFromStarts } from '../train/seeded';
import type { PreparedData } from './data';
import type { DiscoverEngine, StepResult } from './engine';
import type { FittedConstant, Model } from './model';

export interface TrainerEngineOptions {
  /** The EML trees to start from, best first (called at every step: the searches' current best non-exact models). */
  readonly starts: () => readonly Expr[];
  /** Starts used per step (default 3). */
  readonly startsPerStep?: number;
  /** Training iterations per step over all its runs (default 12 000). */
  readonly iterationsPerStep?: number;
  /** Deepest start trained (master trees have 2^depth leaves; default 6). */
  readonly maxDepth?: number;
  readonly now?: () => number;
}

/** Returns a tree whose numeric leaves (other than 1) are placeholders $0, $1 …, with their values. */
export function constantsOfTree(t: Expr): { structure: Expr; constants: FittedConstant[] } {
  const constants: FittedConstant[] = [];
  const go = (n: Expr): Expr => {
    if (n.kind === 'num' && n.value !== 1) { constants.push({ value: n.value }); return variable(`$${constants.length - 1}`); }
    if (n.kind === 'op' && n.op === 'neg' && n.args[0]!.kind === 'num') { constants.push({ value: -n.args[0]!.value }); return variable(`$${constants.length - 1}`); }
    if (n.kind !== 'op') return n;
    const args = n.args.map(go);
    return args.every((a, i) => a === n.args[i]) ? n : apply(n.op, ...args);
  };
  return { structure: go(t), constants };
}

/** Trains general master trees from the searches' best near misses, one batch of runs per step. */
export class TrainerEngine implements DiscoverEngine {
  readonly name = 'trainer';
  private steps = 0;
  private readonly tried = new Set<string>();
  private lastMs = 0;
  private seed = 1;
  /** Why training stopped for good (data it cannot take), if it did. */
  private failed: string | undefined;

  constructor(private readonly d: PreparedData, private readonly opts: TrainerEngineOptions) {}

  get done(): boolean {
    return this.failed !== undefined;
  }

  get reached(): string {
    return this.failed ?? `${this.steps} batch${this.steps === 1 ? '' : 'es'} of training runs`;
  }

  bytes(): number {
    return 0;
  }

  /** Training does not search by size: after an exact find it has nothing shorter to offer. */
  nextEmlK(): number {
    return Infinity;
  }

  /** Infinity while there is no untried start (nothing to train from yet). */
  nextCost(): number {
    return this.untried().length > 0 ? this.lastMs : Infinity;
  }

  private untried(): Expr[] {
    const maxDepth = this.opts.maxDepth ?? 6;
    return this.opts.starts().filter((s) => s.kind === 'op' && s.op === 'eml' && depth(s) <= maxDepth && !this.tried.has(JSON.stringify(s))).slice(0, this.opts.startsPerStep ?? 3);
  }

  step(shouldStop: () => boolean): StepResult {
    const t0 = this.opts.now?.() ?? 0;
    const starts = this.untried();
    for (const s of starts) this.tried.add(JSON.stringify(s));
    const d = this.d;
    let result: ReturnType<typeof trainFromStarts>;
    try {
      result = trainFromStarts({
        varNames: d.data.names, inputs: d.train.inputs, target: d.train.target, starts,
        runsPerStart: 2, randomStarts: { runs: 4, depth: 2 + (this.steps % 3) }, seed: this.seed,
        maxIterations: this.opts.iterationsPerStep ?? 12_000,
      }, { shouldStop });
    } catch (e) {
      // data the master tree cannot take (e.g. more than 16 inputs): the searches go on without training
      this.failed = `stopped: ${(e as Error).message}`;
      return { bases: [], models: [], note: `trainer ${this.failed}` };
    }
    this.seed += 100_000;
    this.steps++;
    this.lastMs = Math.max(1e-3, (this.opts.now?.() ?? 0) - t0);
    const models: Model[] = result.trees.slice(0, 20).map((t) => ({ ...constantsOfTree(t.tree), origin: 'trainer' as const }));
    return {
      bases: [], models,
      note: `trainer: ${starts.length} start${starts.length === 1 ? '' : 's'} from the searches and 4 random, ${result.iterations.toLocaleString('en-US')} iterations, ${result.trees.length} distinct trees`,
    };
  }
}

