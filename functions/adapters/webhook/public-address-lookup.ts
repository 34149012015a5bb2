import { type LookupAddress, type LookupAllOptions, lookup as systemLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isLoopbackAddress, isPublicAddress } from '../../core/partners/callback-url';

// The socket's own resolver for webhook deliveries: it resolves the name once, refuses it when any
// address is not public, and hands the socket exactly the addresses it checked — so a name that
// resolved to a public address at registration (or a moment ago) cannot be rebound to an internal
// one for the connection (DNS rebinding). Node calls it only for names; literal addresses are
// judged before the request by `callbackUrlProblem`.

export class AddressRefused extends Error {
  override name = 'AddressRefused';
}

type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export function publicAddressLookup(
  allowLoopback: boolean,
  resolve: Resolver = systemLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { family: options.family as number | undefined, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const allowed = (address: string) =>
        isPublicAddress(address) || (allowLoopback && isLoopbackAddress(address));
      if (addresses.length === 0 || !addresses.every((entry) => allowed(entry.address))) {
        return callback(new AddressRefused('refused'), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses as [LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}
