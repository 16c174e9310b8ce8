// Discrete repair of a snapped tree (an improvement; the reference has none), written once for both forms of
// master tree: a form supplies its moves — one leaf mix set to another choice, or one gate flipped, among those
// the root can see — and the training loss; repair applies, pass after pass, the move that lowers the loss most.
// When no single move helps, a pair pass tries every move followed by every move visible after it (a gate
// flipped to its child together with a change below it, two leaves at once …) and applies the best pair.
// Moves are tried in the order the form lists them and only a strictly lower loss wins, so the choice is
// deterministic.

/** A change of a snapped vector: leaf mix `at` to choice `choice` (kind 'leaf'), or gate entry `at` flipped (kind 'gate'). */
export interface Move { readonly kind: 'leaf' | 'gate'; readonly at: number; readonly choice: number }

/** The moves and loss of one snapped vector. */
export interface RepairSpace {
  /** Returns the moves visible from the root, in trial order. */
  moves(): Move[];
  /** Applies a move; returns the move that undoes it. */
  apply(m: Move): Move;
  /** Returns the training loss of the vector as it is now (non-finite counts as +∞). */
  loss(): number;
}

const same = (a: Move, b: Move) => a.kind === b.kind && a.at === b.at;

/**
 * Repairs in place: up to `passes` times applies the best single move that lowers the loss; when none does and
 * pair passes remain (`pairPasses`), applies the best improving pair. Stops once the loss is below `goal`.
 * Returns the number of moves applied.
 */
export function repairWith(space: RepairSpace, passes: number, goal: number, pairPasses = 0): number {
  let current = space.loss(), applied = 0, pairsLeft = pairPasses;
  for (let pass = 0; pass < passes && !(current < goal); pass++) {
    let best = current, pick: Move | undefined;
    for (const m of space.moves()) {
      const undo = space.apply(m);
      const v = space.loss();
      if (v < best) { best = v; pick = m; }
      space.apply(undo);
    }
    if (pick) {
      space.apply(pick);
      current = best;
      applied++;
      continue;
    }
    if (pairsLeft-- <= 0) break;
    let pair: [Move, Move] | undefined;
    for (const m1 of space.moves()) {
      const undo1 = space.apply(m1);
      for (const m2 of space.moves()) {
        if (same(m1, m2)) continue;
        const undo2 = space.apply(m2);
        const v = space.loss();
        if (v < best) { best = v; pair = [m1, m2]; }
        space.apply(undo2);
      }
      space.apply(undo1);
    }
    if (!pair) break;
    space.apply(pair[0]);
    space.apply(pair[1]);
    current = best;
    applied += 2;
  }
  return applied;
}
