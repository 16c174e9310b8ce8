// The hosts name a refused field by its path in the request ("input.leaves", "input.options.foo"), which
// is right for the API and the command line; the views show the same message with the label the user sees
// on the form ("Leaves", "trainer option “foo”"). One table for every form that starts a job.

/** Labels of request fields, by path (longest paths are tried first). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  // search: recognize
  'input.target.text': 'Target',
  'input.target.kind': 'Target kind',
  'input.target': 'Target',
  'input.leaves': 'Leaves',
  'input.maxK': 'Max K',
  'input.semantics': 'Semantics',
  'input.memoryMiB': 'Memory (MiB)',
  'input.domain': 'Domain',
  // search: shortest-form table
  'input.maxK.constant': 'Max K constants',
  'input.maxK.unary': 'Max K unary',
  'input.maxK.binary': 'Max K binary',
  'input.upperK': 'upper bounds to K',
  'input.only': 'Primitives',
  // search: basis verification
  'input.constants': 'Constants',
  'input.unary': 'Unary',
  'input.binary': 'Binary',
  // fit
  'input.source.text': 'Formula',
  'input.source.name': 'Target',
  'input.source.grid': 'Grid',
  'input.source.grid.lo': 'Grid from',
  'input.source.grid.hi': 'Grid to',
  'input.source.grid.step': 'Grid step',
  'input.source.datasetId': 'Dataset',
  'input.source.x': 'Inputs',
  'input.source.y': 'Target column',
  'input.source.testFraction': 'Held-out fraction',
  'input.source': 'Data',
  'input.depth': 'Depth',
  'input.init': 'Init',
  'input.initExpr': 'Start formula',
  'input.seeds': 'Seeds',
  'input.seed0': 'First seed',
  'input.options.searchIters': 'Search iterations',
  'input.options.hardeningIters': 'Hardening iterations',
  'input.options.patience': 'Patience',
  'input.options.initNoise': 'Noise σ',
  'input.options': 'Trainer options',
  // fit: training, the master tree's form
  'input.master': 'Master tree',
  // fit: discover
  'input.datasetId': 'Dataset',
  'input.x': 'Inputs',
  'input.y': 'Target column',
  'input.timeLimitS': 'Time limit',
  'input.noise': 'Noise',
  'input.noise.kind': 'Noise',
  'input.noise.sigma': 'σ',
  'input.seed': 'Seed',
  'input.threads': 'Threads',
  // verification
  'input.suite': 'Suite',
  'input.digits': 'Digits',
};

/** A field path: "input" followed by .name and [index] steps. */
const PATH = /\binput((?:\.[A-Za-z_$][\w$]*|\[\d+\])+)/g;

/** Returns the label of one field path ("input.leaves[2]" → "Leaves, item 3"), or undefined when none fits. */
export function fieldLabel(path: string): string | undefined {
  const steps = path.match(/\.[A-Za-z_$][\w$]*|\[\d+\]/g) ?? [];
  for (let n = steps.length; n > 0; n--) {
    const head = 'input' + steps.slice(0, n).join('');
    const label = FIELD_LABELS[head];
    if (label === undefined) continue;
    const rest = steps.slice(n);
    const item = rest.length === 1 && rest[0]!.startsWith('[') ? `, item ${Number(rest[0]!.slice(1, -1)) + 1}` : '';
    if (rest.length === 0 || item) return label + item;
    // an unknown option or field below a known one: name it in quotes
    const name = rest.map((s) => (s.startsWith('.') ? s.slice(1) : s)).join('.');
    return head === 'input.options' ? `trainer option “${name}”` : `${label}: “${name}”`;
  }
  return undefined;
}

/** Returns a host message with every field path replaced by the label the form shows (unknown paths stay). */
export function labelFieldPaths(message: string): string {
  return message.replace(PATH, (whole, _steps: string, offset: number) => {
    const label = fieldLabel(whole);
    if (label === undefined) return whole;
    // a label that starts the message starts a sentence
    return offset === 0 ? label.charAt(0).toUpperCase() + label.slice(1) : label;
  });
}
