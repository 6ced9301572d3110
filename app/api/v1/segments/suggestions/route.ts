import { maskForRole } from "@/lib/auth/mask-personal-data";
import { withRole } from "@/lib/auth/with-role.server";
import { listSuggestions, suggestionQuerySchema } from "@/lib/segments/list-suggestions";

/** GET /api/v1/segments/suggestions?kind=event|property|…&prefix= — values from the data for the builder. */
export const GET = withRole("viewer", async (request, { user }) => {
  const q = suggestionQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Values of email or phone attributes are personal data: masked for viewers.
  return Response.json(maskForRole(await listSuggestions(q), user.role));
});
