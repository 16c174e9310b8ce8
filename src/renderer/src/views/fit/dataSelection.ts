// The Fit view's choice of data, shared by Discover and by training on a dataset: the dataset, its input
// columns and its target column. When the project's datasets change, a chosen dataset that is gone gives way
// to the newest one; choosing a dataset resets the columns to "every column but the last → the last".

import { createEffect, createMemo, createSignal, on, type Accessor } from 'solid-js';
import type { DatasetRecord } from '../../../../shared/project';
import type { Workbench } from '../../state/workbench';

export interface DataSelection {
  readonly datasets: Accessor<readonly DatasetRecord[]>;
  readonly datasetId: Accessor<string>;
  readonly dataset: Accessor<DatasetRecord | undefined>;
  readonly xCols: Accessor<readonly string[]>;
  readonly yCol: Accessor<string>;
  choose(id: string): void;
  setInput(name: string, on: boolean): void;
  setTarget(name: string): void;
}

/** Creates the data choice over the open project's datasets. */
export function createDataSelection(wb: Workbench): DataSelection {
  const [datasetId, setDatasetId] = createSignal('');
  const [xCols, setXCols] = createSignal<readonly string[]>([]);
  const [yCol, setYCol] = createSignal('');
  const datasets = createMemo(() => wb.project()?.data.datasets ?? []);
  const dataset = createMemo(() => datasets().find((d) => d.id === datasetId()));
  createEffect(
    on(datasets, (list) => {
      if (list.length === 0 || list.some((d) => d.id === datasetId())) return;
      setDatasetId(list[list.length - 1]!.id);
    }),
  );
  // keyed on the id (a memo notifies only when it changes): a project refresh brings new record objects,
  // which must not reset the user's columns
  const chosenId = createMemo(() => dataset()?.id);
  createEffect(
    on(
      chosenId,
      () => {
        const d = dataset();
        if (!d) return;
        const names = d.columns.map((c) => c.name);
        setXCols(names.slice(0, -1));
        setYCol(names[names.length - 1] ?? '');
      },
    ),
  );
  return {
    datasets,
    datasetId,
    dataset,
    xCols,
    yCol,
    choose: (id) => setDatasetId(id),
    // inputs keep the dataset's column order
    setInput: (name, checked) => {
      const order = dataset()?.columns.map((c) => c.name) ?? [];
      setXCols((xs) => order.filter((c) => (c === name ? checked : xs.includes(c))));
    },
    setTarget: (name) => {
      setYCol(name);
      setXCols((xs) => xs.filter((x) => x !== name));
    },
  };
}
