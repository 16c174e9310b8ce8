// What the discovery schedule drives: engines that each make progress one step at a time (a level of an
// enumeration, a size of a match, a batch of training runs) and hand back what they found. The schedule
// (discover.ts) decides which engine steps next from their predicted step costs and its time budget.

import type { Expr } from '../expr';
import type { Model } from './model';

/** What one engine step found. */
export interface StepResult {
  /** Structures without constants: the schedule tries each with every affine output map. */
  readonly bases: readonly Expr[];
  /** Models with their constants already fitted. */
  readonly models: readonly Model[];
  /** One line on what the step did (shown in progress). */
  readonly note: string;
}

/** A source of candidate models that advances in steps. */
export interface DiscoverEngine {
  /** Its name in progress and reports (calculator, eml, constant, trainer). */
  readonly name: string;
  /** True when it has nothing more to try (exhausted, or out of memory). */
  readonly done: boolean;
  /** Predicted milliseconds of the next step (Infinity when unknown or impossible). */
  nextCost(): number;
  /** Does one step; `shouldStop` is polled in long loops (a stopped step returns what it has). */
  step(shouldStop: () => boolean): StepResult;
  /** Bytes it holds. */
  bytes(): number;
  /**
   * The smallest EML size K of a formula the next step could add, when the engine knows it (the pure EML
   * search does: the next size it decides); the schedule keeps such an engine going after an exact find only
   * while this is below the smallest exact K found.
   */
  nextEmlK?(): number;
  /** The largest size it has completely searched, in its own units, for the report. */
  readonly reached: string;
}
