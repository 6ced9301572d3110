"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Errors outside a page's own boundary (e.g. the database is down while loading the app shell). */
export default function RootError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-xl">
        <Alert tone="error" title="Tailor could not load this page">
          Something went wrong on our side. Check that PostgreSQL is running and that DATABASE_URL points at it, then try again; the server
          log has the details.
        </Alert>
        <Button className="mt-4" onClick={() => retry()}>
          Try again
        </Button>
      </div>
    </div>
  );
}
