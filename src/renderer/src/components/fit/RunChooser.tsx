// The "Run" chooser above a Fit-view result: the project's runs of one kind, newest first, each with its status
// and start time; shown only when there is more than one run to choose from.

import { For, Show } from 'solid-js';

/** What the chooser shows of a run. */
export interface ChoosableRun {
  readonly id: string;
  readonly label: string;
  readonly status: string;
  readonly createdAt: string | number;
}

export default function RunChooser(props: { runs: readonly ChoosableRun[]; current: string; onChoose: (id: string) => void; testid: string }) {
  return (
    <Show when={props.runs.length > 1}>
      <label>
        <span>Run</span>
        <select data-testid={props.testid} onChange={(e) => props.onChoose(e.currentTarget.value)}>
          <For each={[...props.runs].reverse()}>
            {(x) => (
              <option value={x.id} selected={x.id === props.current}>
                {`${x.label} (${x.status}, ${new Date(x.createdAt).toLocaleTimeString()})`}
              </option>
            )}
          </For>
        </select>
      </label>
    </Show>
  );
}
