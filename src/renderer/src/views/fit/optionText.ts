// The "more trainer options" field of the Fit view: "name=value, name=value" text to trainer options.

/** Parses "name=value, name=value" into trainer options; throws naming the bad part. */
export function parseOptionText(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(/[,;\s]+/).filter(Boolean)) {
    const m = /^([A-Za-z]\w*)=(.+)$/.exec(part);
    if (!m) throw new Error(`“${part}” is not name=value`);
    const v = Number(m[2]);
    if (!Number.isFinite(v)) throw new Error(`${m[1]}: “${m[2]}” is not a number`);
    out[m[1]!] = v;
  }
  return out;
}
