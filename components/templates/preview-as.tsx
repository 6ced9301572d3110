"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useDebounced } from "@/components/ui/use-debounced";
import { nextSegmentCustomer, templateQueries, type CustomerOption } from "@/lib/query/templates";

/**
 * "Preview as": find a customer by name or email, or walk through a segment's members one click at
 * a time ("Next customer", in customer id order, back to the first after the last).
 */
export function PreviewAs({ customer, onChange }: { customer: CustomerOption | null; onChange: (c: CustomerOption) => void }) {
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [segmentId, setSegmentId] = useState("");
  const debouncedQ = useDebounced(q.trim(), 200);
  const results = useQuery({ ...templateQueries.customers(debouncedQ), enabled: open && debouncedQ.length > 0 });
  const segments = useQuery(templateQueries.segments());
  const next = useMutation({
    mutationFn: (opts: { segmentId: string; after: number }) => nextSegmentCustomer(opts.segmentId, opts.after),
    onSuccess: (c) => {
      if (c) onChange(c);
    },
  });
  const segment = segments.data?.find((s) => s.id === segmentId);

  return (
    <div className="grid gap-3 md:grid-cols-2">
      <div className="relative">
        <label htmlFor="preview-customer" className="block text-xs font-medium text-slate-600">
          Preview as customer
        </label>
        <input
          id="preview-customer"
          type="search"
          autoComplete="off"
          placeholder={customer ? `${customer.name}${customer.email ? ` · ${customer.email}` : ""}` : "Search by name or email"}
          className="mt-1 block w-full rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={(e) => {
            if (e.key === "Escape") setOpen(false);
          }}
        />
        {open && debouncedQ ? (
          <ul
            role="listbox"
            aria-label="Matching customers"
            className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
          >
            {results.data && results.data.length === 0 ? (
              <li className="px-3 py-2 text-slate-500">No customer matches “{debouncedQ}”. Try part of a name or an email address.</li>
            ) : null}
            {results.isError ? <li className="px-3 py-2 text-rose-600">{results.error.message}</li> : null}
            {results.data?.map((c) => (
              <li key={c.id} role="option" aria-selected={customer?.id === c.id}>
                <button
                  type="button"
                  className="block w-full px-3 py-1.5 text-left hover:bg-indigo-50"
                  onClick={() => {
                    onChange(c);
                    setQ("");
                    setOpen(false);
                    setSegmentId("");
                  }}
                >
                  <span className="font-medium text-slate-900">{c.name}</span>
                  {c.email ? <span className="ml-2 text-slate-500">{c.email}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div>
        <label htmlFor="preview-segment" className="block text-xs font-medium text-slate-600">
          Or a segment’s members
        </label>
        <div className="mt-1 flex gap-2">
          <select
            id="preview-segment"
            className="block w-full min-w-0 rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600"
            value={segmentId}
            onChange={(e) => {
              setSegmentId(e.target.value);
              if (e.target.value) next.mutate({ segmentId: e.target.value, after: 0 });
            }}
          >
            <option value="">{segments.data?.length === 0 ? "No segments yet" : "Choose a segment"}</option>
            {segments.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.memberCount.toLocaleString("en-GB")})
              </option>
            ))}
          </select>
          <Button
            type="button"
            variant="secondary"
            className="shrink-0 px-2.5 py-1.5 text-xs"
            disabled={!segmentId || next.isPending}
            onClick={() => next.mutate({ segmentId, after: customer?.id ?? 0 })}
          >
            Next customer
          </Button>
        </div>
        {next.data === null && segment ? <p className="mt-1 text-xs text-amber-700">“{segment.name}” has no members yet.</p> : null}
        {next.isError ? <p className="mt-1 text-xs text-rose-600">{next.error.message}</p> : null}
      </div>
    </div>
  );
}
