import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { authorize } from "./authorize";
import { hasRole, roles } from "./roles";
import type { SessionUser } from "./session-user";

const user = (role: SessionUser["role"]): SessionUser => ({ id: "u1", email: `${role}@x.test`, name: "", role });

describe("hasRole", () => {
  it("orders admin > marketer > viewer", () => {
    const allowed = roles.flatMap((r) => roles.filter((min) => hasRole(r, min)).map((min) => `${r}>=${min}`));
    expect(allowed.sort()).toEqual(
      ["admin>=admin", "admin>=marketer", "admin>=viewer", "marketer>=marketer", "marketer>=viewer", "viewer>=viewer"].sort(),
    );
  });
});

describe("authorize", () => {
  it("returns the user when the role is high enough", () => {
    expect(authorize(user("admin"), "marketer").role).toBe("admin");
    expect(authorize(user("viewer"), "viewer").role).toBe("viewer");
  });

  it("throws forbidden, naming both roles, when the role is too low", () => {
    const call = () => authorize(user("viewer"), "admin");
    expect(call).toThrow(AppError);
    expect(call).toThrow(/Admin role or higher; you are signed in as Viewer/);
    try {
      call();
    } catch (e) {
      expect((e as AppError).code).toBe("forbidden");
    }
  });

  it("throws unauthenticated without a user", () => {
    expect(() => authorize(null, "viewer")).toThrow(expect.objectContaining({ code: "unauthenticated" }));
  });
});
