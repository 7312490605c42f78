import { describe, expect, it } from "vitest";
import { LoginThrottle } from "./login-throttle";

describe("login throttle", () => {
  it("locks an account after the free attempts, with doubling waits capped at 15 minutes", () => {
    let t = 0;
    const th = new LoginThrottle(3, () => t);
    for (let i = 0; i < 3; i++) {
      expect(th.check("a@x", `10.0.0.${i}`)).toBeNull();
      th.failed("a@x", `10.0.0.${i}`);
    }
    expect(th.check("a@x", "10.9.9.9")).toBeNull(); // 3 failures: still free
    th.failed("a@x", "10.9.9.9");
    expect(th.check("A@X ", "10.1.1.1")).toEqual({ retryAfterSeconds: 1 }); // by account, whatever the address
    t += 1000;
    th.failed("a@x", "10.1.1.1");
    expect(th.check("a@x", "10.1.1.1")).toEqual({ retryAfterSeconds: 2 });
    for (let i = 0; i < 30; i++) th.failed("a@x", "10.1.1.1");
    expect(th.check("a@x", "10.1.1.1")!.retryAfterSeconds).toBe(900);
    expect(th.check("b@x", "10.2.2.2")).toBeNull(); // other accounts from other addresses are unaffected
  });

  it("locks an address trying many accounts (four times the free attempts)", () => {
    const th = new LoginThrottle(2, () => 0);
    for (let i = 0; i < 8; i++) th.failed(`user${i}@x`, "6.6.6.6");
    expect(th.check("new@x", "6.6.6.6")).toBeNull();
    th.failed("user9@x", "6.6.6.6");
    expect(th.check("new@x", "6.6.6.6")).not.toBeNull();
    expect(th.check("new@x", "7.7.7.7")).toBeNull();
  });

  it("a success clears the account; an hour without failures forgets it", () => {
    let t = 0;
    const th = new LoginThrottle(1, () => t);
    th.failed("a@x", "1.1.1.1");
    th.succeeded("a@x");
    th.failed("a@x", "1.1.1.1");
    expect(th.check("a@x", "2.2.2.2")).toBeNull();
    th.failed("a@x", "1.1.1.1");
    expect(th.check("a@x", "2.2.2.2")).not.toBeNull();
    t += 3_600_001;
    expect(th.check("a@x", "2.2.2.2")).toBeNull();
  });
});
