import ipaddr from "ipaddr.js";

/**
 * The key the sign-in throttle counts a client address under. An IPv4 address (also when it arrives
 * as IPv4-mapped IPv6) is itself; an IPv6 address counts as its /64, because one subscriber is
 * usually given a whole /64 and could otherwise take a fresh address for every guess (OWASP ASVS V6).
 * Anything that does not parse (a test's or a proxy's odd value) is kept as it is.
 */
export function throttleAddressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${prefix.join(":")}::/64`;
}
