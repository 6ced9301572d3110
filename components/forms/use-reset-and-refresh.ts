"use client";

import { useRouter } from "next/navigation";

/** The `onSuccess` of a form that adds something: empties the form and reloads the page's server data. */
export function useResetAndRefresh() {
  const router = useRouter();
  return (_data: unknown, _input: unknown, form: HTMLFormElement) => {
    form.reset();
    router.refresh();
  };
}
