import ipaddr from 'ipaddr.js';

// Where webhooks may go: https only, and only to hosts on the public internet — a callback into a
// private, loopback, link-local, CGNAT, benchmark, multicast or reserved range (IPv4 or IPv6, mapped
// and translated forms included) would let a partner make our servers call into networks behind
// them. Every address-related refusal reads the same, so the check cannot be used as a port scanner.
// The local runtime allows the loopback host, so that a developer's test receiver works.

export const NOT_PUBLIC = 'must point at a host on the public internet';

/** Resolves a host name to its addresses (an adapter: DNS). */
export type ResolveHost = (host: string) => Promise<string[]>;

/**
 * ipaddr.js names every special-purpose range (RFC 6890 and successors); an address is public only
 * in its 'unicast' catch-all. An IPv4-mapped IPv6 address is judged as the IPv4 address it carries;
 * the NAT64 / 6to4 / Teredo forms that embed one are refused outright.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

export function isLoopbackAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'loopback';
}

/** The host as an address or name: brackets and a root-label dot dropped, lower case. */
function hostOf(url: URL) {
  return url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

const isLocalhostName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** What is wrong with the URL as written (no DNS): undefined when it may be used. */
export function callbackUrlProblem(value: string, allowLoopback: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not contain credentials';
  const host = hostOf(url);
  const loopback = isLocalhostName(host) || isLoopbackAddress(host);
  if (loopback && allowLoopback && (url.protocol === 'http:' || url.protocol === 'https:')) return undefined;
  if (url.protocol !== 'https:') return 'must be an https:// URL';
  if (loopback) return NOT_PUBLIC;
  if (ipaddr.isValid(host) && !isPublicAddress(host)) return NOT_PUBLIC;
  return undefined;
}

/**
 * As `callbackUrlProblem`, and a host name must not resolve to an address that is not public. A
 * name that does not resolve yet is accepted (DNS may follow the registration): every delivery
 * resolves it again and connects only to an address it checked.
 */
export async function resolvedCallbackUrlProblem(
  value: string,
  allowLoopback: boolean,
  resolve: ResolveHost,
): Promise<string | undefined> {
  const problem = callbackUrlProblem(value, allowLoopback);
  if (problem) return problem;
  const host = hostOf(new URL(value));
  if (ipaddr.isValid(host) || (allowLoopback && isLocalhostName(host))) return undefined;
  const addresses = await resolve(host);
  if (addresses.some((address) => !isPublicAddress(address))) return NOT_PUBLIC;
  return undefined;
}
