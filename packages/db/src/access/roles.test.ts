/** The membership rules, case by case: who may change whom, and the last owner stays. */
import { describe, expect, it } from "vitest";
import { checkInviteRole, checkMembershipChange, MembershipError, roleAtLeast, type MembershipChange } from "./roles";

describe("checkMembershipChange", () => {
  const allowed: [string, MembershipChange][] = [
    ["an admin demotes a member to viewer", { actor: "admin", from: "member", to: "viewer", owners: 1 }],
    ["an admin removes another admin", { actor: "admin", from: "admin", to: null, owners: 1 }],
    ["an owner makes an admin owner", { actor: "owner", from: "admin", to: "owner", owners: 1 }],
    ["an owner steps down while another owner stays", { actor: "owner", from: "owner", to: "admin", owners: 2 }],
    ["an owner removes another owner when two are left", { actor: "owner", from: "owner", to: null, owners: 2 }],
  ];
  it.each(allowed)("allows: %s", (_why, change) => {
    expect(() => checkMembershipChange(change)).not.toThrow();
  });

  const refused: [string, MembershipChange, MembershipError["code"]][] = [
    ["a member cannot manage members", { actor: "member", from: "viewer", to: "member", owners: 1 }, "forbidden"],
    ["a viewer cannot remove anyone", { actor: "viewer", from: "viewer", to: null, owners: 1 }, "forbidden"],
    ["an admin cannot remove an owner", { actor: "admin", from: "owner", to: null, owners: 3 }, "forbidden"],
    ["an admin cannot demote an owner", { actor: "admin", from: "owner", to: "viewer", owners: 3 }, "forbidden"],
    ["an admin cannot make an owner", { actor: "admin", from: "member", to: "owner", owners: 1 }, "forbidden"],
    ["the last owner cannot be removed", { actor: "owner", from: "owner", to: null, owners: 1 }, "last_owner"],
    ["the last owner cannot step down", { actor: "owner", from: "owner", to: "admin", owners: 1 }, "last_owner"],
  ];
  it.each(refused)("refuses: %s", (_why, change, code) => {
    expect(() => checkMembershipChange(change)).toThrow(expect.objectContaining({ code }));
  });
});

describe("checkInviteRole and roleAtLeast", () => {
  it("lets admins invite up to admin and owners invite owners", () => {
    expect(() => checkInviteRole("admin", "admin")).not.toThrow();
    expect(() => checkInviteRole("owner", "owner")).not.toThrow();
    expect(() => checkInviteRole("admin", "owner")).toThrow(MembershipError);
    expect(() => checkInviteRole("member", "viewer")).toThrow(MembershipError);
  });
  it("orders owner > admin > member > viewer", () => {
    expect(roleAtLeast("owner", "admin")).toBe(true);
    expect(roleAtLeast("member", "member")).toBe(true);
    expect(roleAtLeast("viewer", "member")).toBe(false);
    expect(roleAtLeast("admin", "owner")).toBe(false);
  });
});
