// The reference trainer's target functions (paper §1.5): pure EML trees with x and y at the bottom level
// only, chosen so that no shallower tree has the same value. `eml_depth2a` is the variant of earlier sweeps.

import type { Expr } from '../expr';
import { parseMathematica } from '../syntax';

export interface TargetInfo {
  readonly name: string;
  readonly depth: number;
  /** The tree in the reference's notation. */
  readonly eml: string;
  /** The same function in ordinary notation. */
  readonly description: string;
}

/** The built-in targets, by name. */
export const TARGETS: readonly TargetInfo[] = [
  { name: 'eml_depth2', depth: 2, eml: 'EML[1, EML[y, x]]', description: 'e - ln(e^y - ln x)' },
  { name: 'eml_depth2a', depth: 2, eml: 'EML[EML[1, y], EML[y, x]]', description: 'e^e / y - ln(e^y - ln x)' },
  { name: 'eml_depth3', depth: 3, eml: 'EML[EML[1, EML[y, x]], 1]', description: 'e^e / (e^y - ln x)' },
  { name: 'eml_depth4', depth: 4, eml: 'EML[1, EML[EML[1, EML[x, y]], 1]]', description: 'ln(e^x - ln y)' },
  { name: 'eml_depth5', depth: 5, eml: 'EML[1, EML[EML[1, EML[1, EML[x, y]]], 1]]', description: 'ln(e - ln(e^x - ln y))' },
  { name: 'eml_depth6', depth: 6, eml: 'EML[1, EML[EML[EML[1, EML[EML[x, y], 1]], 1], 1]]', description: 'e - y*exp(e - e^x)' },
];

/** Returns the built-in target of that name, or undefined. */
export function findTarget(name: string): TargetInfo | undefined {
  return TARGETS.find((t) => t.name === name);
}

/** Returns the tree of a built-in target; throws naming the known targets when the name is unknown. */
export function targetTree(name: string): Expr {
  const t = findTarget(name);
  if (!t) throw new Error(`train: unknown target '${name}' (built in: ${TARGETS.map((x) => x.name).join(', ')})`);
  return parseMathematica(t.eml);
}
