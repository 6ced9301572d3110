import type { ReactNode } from "react";

/** Centered card layout of the sign-in and setup pages. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-indigo-50 to-slate-50 px-4 py-12">
      <div className="mb-8 flex items-center gap-3">
        <span className="flex size-10 items-center justify-center rounded-xl bg-indigo-600 text-lg font-bold text-white">T</span>
        <span className="text-xl font-semibold tracking-tight text-slate-900">Tailor</span>
      </div>
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">{children}</div>
    </div>
  );
}
