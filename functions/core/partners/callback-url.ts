import { isIP } from 'node:net';

// Where webhooks may go. https only; never to a private or link-local address, which would let a
// partner make our servers call into their own network. The local runtime allows plain http to
// the loopback host so that a developer's test receiver works.

export function callbackUrlProblem(value: string, allowLoopbackHttp: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not contain credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '127.0.0.1' || host === '::1';
  if (url.protocol === 'http:' && loopback && allowLoopbackHttp) return undefined;
  if (url.protocol !== 'https:') return 'must be an https:// URL';
  if (loopback && !allowLoopbackHttp) return 'must not point at the loopback host';
  if (isIP(host) && isPrivateAddress(host)) return 'must not point at a private network address';
  return undefined;
}

function isPrivateAddress(ip: string): boolean {
  if (ip.includes(':')) return /^(fc|fd|fe80|::1$|::$)/i.test(ip);
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}
