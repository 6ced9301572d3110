import { withRole } from "@/lib/auth/with-role.server";
import { listSuggestions, suggestionQuerySchema } from "@/lib/segments/list-suggestions";

/** GET /api/v1/segments/suggestions?kind=event|property|…&prefix= — values from the data for the builder. */
export const GET = withRole("viewer", async (request) => {
  const q = suggestionQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listSuggestions(q));
});
