import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import type { SessionUser } from "./session-user";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("./get-session-user.server", () => ({ getSessionUser: async () => session.user }));

const { withRole } = await import("./with-role.server");

const context = { params: Promise.resolve({ id: "42" }) };
const request = new Request("http://localhost/api/v1/things/42");
const as = (role: SessionUser["role"]): SessionUser => ({ id: `id-${role}`, email: `${role}@x.test`, name: "", role });

describe("withRole", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("runs the handler with the user and params when the role is allowed", async () => {
    session.user = as("marketer");
    const handler = vi.fn(async (_req: Request, ctx: { params: Promise<{ id: string }>; user: SessionUser }) =>
      Response.json({ id: (await ctx.params).id, by: ctx.user.email }),
    );
    const res = await withRole<{ id: string }>("marketer", handler)(request, context);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: "42", by: "marketer@x.test" });
  });

  it("answers 403 without calling the handler when the role is too low", async () => {
    session.user = as("viewer");
    const handler = vi.fn(async () => Response.json({}));
    const res = await withRole<{ id: string }>("admin", handler)(request, context);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 401 when signed out", async () => {
    const handler = vi.fn(async () => Response.json({}));
    const res = await withRole<{ id: string }>("viewer", handler)(request, context);
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/Sign in/);
    expect(handler).not.toHaveBeenCalled();
  });

  it("maps what the handler throws through toHttpError", async () => {
    session.user = as("admin");
    const notFound = await withRole<{ id: string }>("viewer", async () => {
      throw new AppError("not_found", "No such thing.");
    })(request, context);
    expect(notFound.status).toBe(404);
    const invalid = await withRole<{ id: string }>("viewer", async () =>
      Response.json(z.object({ page: z.number() }).parse({ page: "x" })),
    )(request, context);
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.details[0].field).toBe("page");
  });
});
