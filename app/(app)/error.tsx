"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Unexpected errors of a page: a plain apology, a retry, and where to look (details are in the server log). */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";
  return (
    <div className="mx-auto max-w-xl py-12">
      <Alert tone="error" title="This page could not be loaded">
        <p>
          Something went wrong on our side. Try again; if it keeps happening, check that PostgreSQL is running and look at the server log
          {digest ? (
            <>
              {" "}
              for error <code className="font-mono">{digest}</code>
            </>
          ) : null}
          .
        </p>
      </Alert>
      <Button className="mt-4" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
