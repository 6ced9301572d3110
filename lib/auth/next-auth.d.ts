import "next-auth";

declare module "next-auth" {
  interface Session {
    /** The signed-in user's id (the JWT's subject); null for a malformed token. */
    userId: string | null;
  }
}
