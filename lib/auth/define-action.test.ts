import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import type { SessionUser } from "./session-user";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("./get-session-user.server", () => ({ getSessionUser: async () => session.user }));

const { defineAction } = await import("./define-action.server");

const as = (role: SessionUser["role"]): SessionUser => ({ id: `id-${role}`, email: `${role}@x.test`, name: "", role });
const schema = z.object({ name: z.string().min(2, { error: "Too short." }) });

describe("defineAction", () => {
  const run = vi.fn(async ({ input, user }: { input: { name: string }; user: SessionUser }) => `${input.name} by ${user.email}`);
  const action = defineAction({ minRole: "marketer", schema, run });

  beforeEach(() => {
    session.user = null;
    run.mockClear();
  });

  it("parses the input and returns the use case's result for an allowed role", async () => {
    session.user = as("admin");
    expect(await action({ name: "Spring sale" })).toEqual({ ok: true, data: "Spring sale by admin@x.test" });
  });

  it("returns field errors for invalid input, without running the use case", async () => {
    session.user = as("marketer");
    const result = await action({ name: "x" });
    expect(result).toMatchObject({ ok: false, code: "unprocessable", fieldErrors: { name: "Too short." } });
    expect(run).not.toHaveBeenCalled();
  });

  it("checks the role before the input: a viewer gets forbidden even with invalid input", async () => {
    session.user = as("viewer");
    expect(await action({ name: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(run).not.toHaveBeenCalled();
  });

  it("returns unauthenticated when signed out", async () => {
    expect(await action({ name: "Spring sale" })).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("shows an AppError's message and hides unexpected errors behind an apology", async () => {
    session.user = as("admin");
    run.mockRejectedValueOnce(new AppError("conflict", "That name is taken; pick another."));
    expect(await action({ name: "Dup" })).toMatchObject({ ok: false, code: "conflict", error: "That name is taken; pick another." });
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    run.mockRejectedValueOnce(new Error("connection reset by peer"));
    const failed = await action({ name: "Boom" });
    expect(failed).toMatchObject({ ok: false, code: "internal" });
    expect(failed.ok === false && failed.error).not.toMatch(/connection reset/);
    log.mockRestore();
  });
});
