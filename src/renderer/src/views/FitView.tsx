// The Fit view: data to formulas. Data (import a CSV/TSV file, choose the dataset and its columns), Discover
// (exhaustive search over the data for an exact formula, with a live front) and training of master EML trees
// (on a built-in target, a formula or the dataset), each in its own panel under views/fit/, and the run queue
// fits can go to (ClusterPanel). Everything shown is read back from the host (job list, run records, curves,
// data), so a reload finds running jobs where they were.

import { Show, type JSX } from 'solid-js';
import ClusterPanel from '../components/ClusterPanel';
import { useWorkbench } from '../state/workbench';
import './fit.css';
import { createDataSelection } from './fit/dataSelection';
import DataPanel from './fit/DataPanel';
import DiscoverPanel from './fit/DiscoverPanel';
import TrainPanel from './fit/TrainPanel';

export default function FitView(): JSX.Element {
  const wb = useWorkbench();
  const data = createDataSelection(wb);
  return (
    <section class="view fit-view" aria-labelledby="fit-title" data-testid="fit-view">
      <h2 id="fit-title">Fit</h2>
      <p class="muted">
        From data to formulas: import a table, then let Discover search for the exact formula behind it, or train master EML trees by gradient descent.
        Runs are jobs on the host; their results stay in the project.
      </p>
      <Show when={!wb.project()}>
        <p class="muted" data-testid="fit-no-project">
          Open or create a project to fit: datasets, runs, curves and formulas are stored in it.
        </p>
      </Show>
      <DataPanel data={data} />
      <DiscoverPanel data={data} />
      <TrainPanel data={data} />
      <ClusterPanel />
    </section>
  );
}
