import { describe, expect, it } from "vitest";
import { throttleAddressKey } from "./throttle-address.js";

describe("the address the sign-in throttle counts", () => {
  it("is an IPv4 address itself, also when it arrives as IPv4-mapped IPv6", () => {
    expect(throttleAddressKey("198.51.100.7")).toBe("198.51.100.7");
    expect(throttleAddressKey("::ffff:198.51.100.7")).toBe("198.51.100.7");
  });

  it("is an IPv6 address's /64, so addresses rotated within one subscriber's /64 count as one", () => {
    expect(throttleAddressKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(throttleAddressKey("2001:db8:1:2:ffff:ffff:ffff:fffe")).toBe("2001:db8:1:2::/64");
    expect(throttleAddressKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
  });

  it("keeps what is not an address as it is", () => {
    expect(throttleAddressKey("not-an-address")).toBe("not-an-address");
  });
});
