import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/auth-options.server";
import { errorResponse } from "@/lib/http/error-response";

type Context = { params: Promise<{ nextauth: string[] }> };

/** NextAuth's endpoints (sign in, sign out, session, csrf); options are built per request. */
async function handler(request: NextRequest, context: Context): Promise<Response> {
  try {
    return (await NextAuth(request, context, getAuthOptions())) as Response;
  } catch (e) {
    return errorResponse(e);
  }
}

export { handler as GET, handler as POST };
