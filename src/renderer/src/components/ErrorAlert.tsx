// An error message shown where it arose (role alert, so screen readers announce it), or nothing.

import { Show, type JSX } from 'solid-js';

export default function ErrorAlert(props: { readonly message: string | null | undefined; readonly testid: string; readonly class?: string }): JSX.Element {
  return (
    <Show when={props.message}>
      {(m) => (
        <p class={props.class ? `error ${props.class}` : 'error'} role="alert" data-testid={props.testid}>
          {m()}
        </p>
      )}
    </Show>
  );
}
