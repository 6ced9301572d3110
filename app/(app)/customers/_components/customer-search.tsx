import Form from "next/form";
import { buttonClasses, LinkButton } from "@/components/ui/button";
import { SearchIcon } from "@/components/ui/icons";
import type { CustomerListQuery } from "@/lib/customers/schemas";

/** A GET form: the search lands in the URL (?q=…), keeping the sort, so results can be shared. */
export function CustomerSearch({ query }: { query: CustomerListQuery }) {
  return (
    <Form action="/customers" className="flex flex-wrap gap-2" role="search">
      <div className="relative min-w-64 flex-1">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-5 -translate-y-1/2 text-slate-600" />
        <input
          type="search"
          name="q"
          defaultValue={query.q}
          placeholder="Name, email or customer ID (e.g. 17850)"
          aria-label="Search customers"
          className="block w-full rounded-md border-0 bg-white py-2 pr-3 pl-10 text-sm shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:ring-inset"
        />
      </div>
      <input type="hidden" name="sort" value={query.sort} />
      {query.dir ? <input type="hidden" name="dir" value={query.dir} /> : null}
      <button type="submit" className={buttonClasses("primary")}>
        Search
      </button>
      {query.q ? (
        <LinkButton href="/customers" variant="ghost">
          Clear
        </LinkButton>
      ) : null}
    </Form>
  );
}
