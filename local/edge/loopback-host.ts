// The edge and the local API have no authentication: they bind to loopback, and they answer only
// requests addressed to a loopback name. A web page the developer visits can point its own domain
// at 127.0.0.1 (DNS rebinding) and then call us from the browser, but its requests carry that
// domain in `Host`; refusing every other Host closes that door.

/** True for `127.x.y.z`, `[::1]`, `localhost` and `*.localhost` (RFC 6761), with or without a port. */
export function isLoopbackHostHeader(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const host = hostHeader
    .trim()
    .toLowerCase()
    .replace(/:\d{1,5}$/, '');
  if (host === '[::1]' || host === 'localhost' || host.endsWith('.localhost')) return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets?.slice(1).every((octet) => Number(octet) <= 255) ?? false;
}

export const FOREIGN_HOST_MESSAGE =
  'This local service answers only requests addressed to 127.0.0.1 or localhost (Host header).';
