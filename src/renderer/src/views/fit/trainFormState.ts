// The Fit view's training form, kept in sessionStorage so that a page reload shows the form as it was left
// (the job itself re-attaches on its own). A stored value that is not of the field's kind, or not among its
// choices, is ignored and the field starts from its default.

import { createEffect, createSignal, type Signal } from 'solid-js';

const STORAGE_KEY = 'emlw.fit.train-form';

function readSaved(): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Fields that start from the stored form and are written back on every change once `persist()` is called. */
export function createTrainFormStore(): {
  field<T extends string | number>(name: string, initial: T, choices?: readonly T[]): Signal<T>;
  persist(): void;
} {
  const saved = readSaved();
  const fields = new Map<string, () => unknown>();
  return {
    field<T extends string | number>(name: string, initial: T, choices?: readonly T[]): Signal<T> {
      const v = saved[name];
      const ok = typeof v === typeof initial && (typeof v !== 'number' || Number.isFinite(v)) && (!choices || choices.includes(v as T));
      const signal = createSignal<T>(ok ? (v as T) : initial);
      fields.set(name, signal[0]);
      return signal;
    },
    persist(): void {
      createEffect(() => {
        const out: Record<string, unknown> = {};
        for (const [name, get] of fields) out[name] = get();
        try {
          sessionStorage.setItem(STORAGE_KEY, JSON.stringify(out));
        } catch {
          // storage full or refused: the form still works, it is only not restored after a reload
        }
      });
    },
  };
}
