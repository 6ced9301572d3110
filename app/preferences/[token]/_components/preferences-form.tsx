"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { savePreferences } from "../actions";

interface Purpose {
  key: string;
  label: string;
  description: string;
  allowed: boolean;
}

const offline = "Your choice could not be sent. Check your connection and try again.";

export function PreferencesForm({ token, purposes }: { token: string; purposes: Purpose[] }) {
  const [choices, setChoices] = useState<Record<string, boolean>>(() => Object.fromEntries(purposes.map((p) => [p.key, p.allowed])));
  const [state, setState] = useState<{ pending: boolean; message: string | null; error: string | null }>({
    pending: false,
    message: null,
    error: null,
  });

  async function save(next: Record<string, boolean>) {
    setState({ pending: true, message: null, error: null });
    const result = await savePreferences({ token, choices: next }).catch(() => null);
    if (!result || !result.ok) setState({ pending: false, message: null, error: result?.error ?? offline });
    else
      setState({
        pending: false,
        message: result.data.changed.length
          ? "Saved. Thank you — your choices apply from now on."
          : "Nothing changed: these were already your choices.",
        error: null,
      });
  }

  return (
    <form
      className="mt-6 space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        void save(choices);
      }}
    >
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.message ? <Alert tone="success">{state.message}</Alert> : null}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
        {purposes.map((p) => (
          <li key={p.key} className="flex items-start gap-3 px-4 py-3">
            <input
              id={`purpose-${p.key}`}
              type="checkbox"
              className="mt-1 size-4 rounded border-slate-300 text-indigo-600"
              checked={choices[p.key] ?? false}
              onChange={(e) => setChoices({ ...choices, [p.key]: e.target.checked })}
            />
            <label htmlFor={`purpose-${p.key}`} className="text-sm">
              <span className="font-medium text-slate-900">{p.label}</span>
              {p.description ? <span className="block text-slate-500">{p.description}</span> : null}
            </label>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={state.pending}>
          {state.pending ? "Saving…" : "Save my choices"}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={state.pending}
          onClick={() => {
            const none = Object.fromEntries(purposes.map((p) => [p.key, false]));
            setChoices(none);
            void save(none);
          }}
        >
          Unsubscribe from everything
        </Button>
      </div>
    </form>
  );
}
