import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { requireSecrets } from "../env";
import { sessionMaxAge } from "./auth-options.server";

// NextAuth's session cookie: with the __Secure- prefix when served over https.
const cookieNames = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * Gives the current request's session the user's new session version, so that the session which
 * changed the password stays signed in while every other session of the user ends.
 */
export async function renewSession(options: { sessionVersion: number }): Promise<void> {
  const jar = await cookies();
  const name = cookieNames.find((n) => jar.get(n));
  if (!name) return;
  const secret = requireSecrets().auth;
  const token = await decode({ token: jar.get(name)!.value, secret });
  if (!token) return;
  const value = await encode({ token: { ...token, sv: options.sessionVersion }, secret, maxAge: sessionMaxAge });
  jar.set(name, value, { httpOnly: true, sameSite: "lax", path: "/", secure: name.startsWith("__Secure-"), maxAge: sessionMaxAge });
}
