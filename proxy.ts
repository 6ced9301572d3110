import { NextResponse, type NextRequest } from "next/server";
import { requestUrlHeader } from "./lib/http/request-url";

/**
 * Passes the requested path and query to the pages, so requireRole can send a signed-out visitor
 * to /login?callbackUrl=… and back to the same (shareable) URL afterwards. No auth decisions here.
 */
export function proxy(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.set(requestUrlHeader, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
