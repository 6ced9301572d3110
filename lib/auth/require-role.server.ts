import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { countUsers } from "../users/count-users";
import { authorize } from "./authorize";
import { getSessionUser } from "./get-session-user.server";
import type { Role } from "./roles";
import type { SessionUser } from "./session-user";
import { requestUrlHeader } from "../http/request-url";

/**
 * First line of every page: the signed-in user with at least `minRole`. Signed out → /login (or
 * /setup while there are no users at all); role too low → the 403 page (app/forbidden.tsx).
 */
export async function requireRole(minRole: Role): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) {
    if ((await countUsers()) === 0) redirect("/setup");
    const back = (await headers()).get(requestUrlHeader);
    redirect(back && back !== "/" ? `/login?callbackUrl=${encodeURIComponent(back)}` : "/login");
  }
  try {
    return authorize(user, minRole);
  } catch {
    forbidden();
  }
}
