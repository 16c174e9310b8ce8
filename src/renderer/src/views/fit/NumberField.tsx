// A labelled number input of the Fit view's forms: it passes on every finite value typed, and leaves the
// value alone while the field is empty or half typed.

import type { JSX } from 'solid-js';

export interface NumberFieldProps {
  readonly label: string;
  readonly testid: string;
  readonly get: () => number;
  readonly set: (v: number) => void;
  readonly min: number;
  readonly max: number;
  readonly step?: number;
  /** Short help shown under the field (and in its tooltip). */
  readonly help?: string;
  /** The option's name as `emlw fit` takes it, shown as the tooltip ("--search-iters"), so the form and the command line read alike. */
  readonly flag?: string;
}

export default function NumberField(props: NumberFieldProps): JSX.Element {
  return (
    <label title={[props.flag ? `--${props.flag}` : '', props.help ?? ''].filter(Boolean).join(': ') || undefined}>
      <span>{props.label}</span>
      <input
        type="number"
        data-testid={props.testid}
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        value={props.get()}
        onInput={(e) => {
          const v = Number(e.currentTarget.value);
          if (e.currentTarget.value !== '' && Number.isFinite(v)) props.set(v);
        }}
      />
      {props.help ? <small class="field-help">{props.help}</small> : null}
    </label>
  );
}
