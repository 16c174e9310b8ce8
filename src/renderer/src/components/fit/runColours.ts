// Colours of the runs of a fit, shared by the loss curves and the per-run table. The first ten are
// Tableau 10 (d3's schemeTableau10); every later run gets a hue of its own, spread by the golden angle
// (137.5°, so consecutive hues never sit side by side) over two lightness steps: no two runs of a fit share
// a colour, whatever their number.

import { schemeTableau10 } from 'd3';

/** The golden angle in degrees: successive multiples spread evenly around the hue circle. */
const GOLDEN_ANGLE = 137.508;

/** Returns the colour of run `index` (0-based). */
export function runColour(index: number): string {
  if (index < schemeTableau10.length) return schemeTableau10[index]!;
  const k = index - schemeTableau10.length;
  // hue to 0.1°, lightness alternating 40 % / 55 %, saturation in two steps: distinct strings for any index
  const hue = ((k * GOLDEN_ANGLE + 17) % 360).toFixed(1);
  const lightness = k % 2 === 0 ? 40 : 55;
  const saturation = Math.floor(k / 2) % 2 === 0 ? 70 : 55;
  return `hsl(${hue} ${saturation}% ${lightness}%)`;
}
