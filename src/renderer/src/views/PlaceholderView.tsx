// Placeholder for views whose engines are still being built (Search, Fit): says what the view will do
// and which engine it waits for. It shows no results and calls no host API.

import { For, type JSX } from 'solid-js';

export interface PlaceholderProps {
  readonly title: string;
  readonly waitsFor: string;
  readonly plans: readonly string[];
}

export default function PlaceholderView(props: PlaceholderProps): JSX.Element {
  return (
    <section class="view placeholder-view" aria-labelledby="placeholder-title" data-testid="placeholder-view">
      <h2 id="placeholder-title">{props.title}</h2>
      <p class="placeholder-note" data-testid="placeholder-note">
        Not available yet: this view is waiting for {props.waitsFor}. Nothing here is computed, and no results are shown until it lands.
      </p>
      <h3>What it will do</h3>
      <ul>
        <For each={props.plans}>{(p) => <li>{p}</li>}</For>
      </ul>
    </section>
  );
}
