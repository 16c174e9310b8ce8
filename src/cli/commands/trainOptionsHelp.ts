// The trainer options in a help text: one line group per kind of option (TRAIN_OPTION_GROUPS), each option as
// the flag to type and its default, wrapped to the width of a terminal. The improvements and the general form's
// options are described apart.

import { DEFAULT_TRAIN_OPTIONS, TRAIN_OPTION_GROUPS, optionFlag } from '../../core/train/options';

const INDENT = 2;
const LABEL = 16;

/** Returns a number as one types it: 1e-6 and 1e300 rather than 0.000001 and 1e+300. */
export function showNumber(v: number): string {
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential().replace('e+', 'e') : String(v);
}

/** Groups a help text describes in prose of their own rather than in the compact listing. */
export const DESCRIBED_APART: readonly string[] = ['improvements', 'general form'];

/** Returns the help lines of the trainer options' groups except `skip`, at most `width` characters wide. */
export function trainOptionsHelp(skip: readonly string[] = DESCRIBED_APART, width = 104): string {
  const lines: string[] = [];
  for (const g of TRAIN_OPTION_GROUPS) {
    if (skip.includes(g.title)) continue;
    let line = `${' '.repeat(INDENT)}${g.title.padEnd(LABEL - INDENT)}`;
    let first = true;
    for (const k of g.keys) {
      const item = `--${optionFlag(k)} ${showNumber(DEFAULT_TRAIN_OPTIONS[k])}`;
      if (!first && line.length + 2 + item.length > width) {
        lines.push(line);
        line = ' '.repeat(LABEL);
        first = true;
      }
      line += (first ? '' : '  ') + item;
      first = false;
    }
    lines.push(line);
  }
  return lines.join('\n');
}
