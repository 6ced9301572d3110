import "next-auth";

declare module "next-auth" {
  interface Session {
    /** The signed-in user's id (the JWT's subject); null for a malformed token. */
    userId: string | null;
    /** The user's session version when this session signed in (see users.session_version). */
    sessionVersion: number | null;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The user's session version at sign-in: a later password, role or activation change ends the session. */
    sv?: number;
  }
}
