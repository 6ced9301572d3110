import { db } from "../db";

/** How many users exist; zero means the installation still needs its first admin (/setup). */
export async function countUsers(): Promise<number> {
  return db.user.count();
}
