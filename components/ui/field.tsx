import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

const control =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 disabled:bg-slate-50";

interface FieldProps {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}

/** A labelled form control with its hint and its error message (linked for screen readers). */
export function Field({ label, name, hint, error, children }: FieldProps) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1.5">{children}</div>
      {error ? (
        <p id={`${name}-error`} className="mt-1.5 text-sm text-rose-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${name}-hint`} className="mt-1.5 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function Input({ invalid, className, ...props }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return (
    <input
      id={props.name}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${props.name}-error` : `${props.name}-hint`}
      className={cn(control, invalid && "ring-rose-400 focus:ring-rose-500", className)}
      {...props}
    />
  );
}

export function Select({ invalid, className, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean }) {
  return (
    <select
      id={props.name}
      aria-invalid={invalid || undefined}
      className={cn(control, "pr-8", invalid && "ring-rose-400", className)}
      {...props}
    />
  );
}

/** A multi-line box; `mono` for lists of one entry a line (addresses, ranges, origins). */
export function Textarea({
  invalid,
  mono,
  className,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean; mono?: boolean }) {
  return (
    <textarea
      id={props.name}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${props.name}-error` : `${props.name}-hint`}
      className={cn(control, mono && "font-mono", invalid && "ring-rose-400 focus:ring-rose-500", className)}
      {...props}
    />
  );
}

/** One choice of a radio group with its text beside it; `wraps` for a text of several lines (the button stays at the first). */
export function Radio({
  children,
  wraps,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "className"> & { children: ReactNode; wraps?: boolean }) {
  return (
    <label className={cn("flex gap-2", wraps ? "items-start" : "items-center")}>
      <input type="radio" className={cn("accent-indigo-600", wraps && "mt-0.5")} {...props} />
      {wraps ? <span>{children}</span> : children}
    </label>
  );
}
