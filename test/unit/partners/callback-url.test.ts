import { describe, expect, it } from 'vitest';
import {
  callbackUrlProblem,
  isPublicAddress,
  NOT_PUBLIC,
  resolvedCallbackUrlProblem,
} from '../../../functions/core/partners/callback-url';

const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses;

describe('callback URLs (SSRF)', () => {
  it.each([
    'https://[::ffff:a9fe:a9fe]/hook', // 169.254.169.254, IPv4-mapped
    'https://[::ffff:127.0.0.1]/hook',
    'https://[64:ff9b::a9fe:a9fe]/hook', // NAT64 form of the metadata address
    'https://[2002:a9fe:a9fe::1]/hook', // 6to4
    'https://[fe80::1]/hook',
    'https://[fc00::1]/hook',
    'https://[::1]/hook',
    'https://[::]/hook',
    'https://localhost./hook',
    'https://api.localhost/hook',
    'https://0x7f000001/hook', // 127.0.0.1 written in hex
    'https://2130706433/hook', // 127.0.0.1 as one number
    'https://169.254.169.254/latest/meta-data',
    'https://10.1.2.3/hook',
    'https://172.16.0.1/hook',
    'https://192.168.1.1/hook',
    'https://100.64.0.1/hook', // CGNAT
    'https://198.18.0.1/hook', // benchmarking
    'https://192.0.2.1/hook', // documentation
    'https://224.0.0.1/hook', // multicast
    'https://240.0.0.1/hook', // reserved
    'https://255.255.255.255/hook',
    'https://0.0.0.0/hook',
  ])('refuses %s with the one address problem', (url) => {
    expect(callbackUrlProblem(url, false)).toBe(NOT_PUBLIC);
  });

  it('accepts public hosts and addresses', () => {
    expect(callbackUrlProblem('https://hooks.bank.example/docshare', false)).toBeUndefined();
    expect(callbackUrlProblem('https://8.8.8.8/hook', false)).toBeUndefined();
    expect(callbackUrlProblem('https://[2606:4700::1111]/hook', false)).toBeUndefined();
  });

  it('refuses plain http, credentials and non-URLs before looking at the host', () => {
    expect(callbackUrlProblem('http://hooks.bank.example/x', false)).toBe('must be an https:// URL');
    expect(callbackUrlProblem('https://u:p@hooks.bank.example/x', false)).toBe(
      'must not contain credentials',
    );
    expect(callbackUrlProblem('javascript:alert(1)', false)).toBe('must be an https:// URL');
    expect(callbackUrlProblem('/relative', false)).toBe('must be an absolute URL');
  });

  it('lets the local runtime reach the loopback host only', () => {
    expect(callbackUrlProblem('http://127.0.0.1:9999/hook', true)).toBeUndefined();
    expect(callbackUrlProblem('http://localhost:9999/hook', true)).toBeUndefined();
    expect(callbackUrlProblem('http://10.0.0.1/hook', true)).toBe('must be an https:// URL');
    expect(callbackUrlProblem('https://10.0.0.1/hook', true)).toBe(NOT_PUBLIC);
  });

  it('refuses a name that resolves to any address that is not public', async () => {
    expect(
      await resolvedCallbackUrlProblem(
        'https://169.254.169.254.nip.io/',
        false,
        resolvesTo('169.254.169.254'),
      ),
    ).toBe(NOT_PUBLIC);
    expect(
      await resolvedCallbackUrlProblem(
        'https://mixed.example/',
        false,
        resolvesTo('93.184.215.14', '10.0.0.7'),
      ),
    ).toBe(NOT_PUBLIC);
    expect(
      await resolvedCallbackUrlProblem('https://v6.example/', false, resolvesTo('::ffff:192.168.0.1')),
    ).toBe(NOT_PUBLIC);
    expect(
      await resolvedCallbackUrlProblem('https://hooks.bank.example/', false, resolvesTo('93.184.215.14')),
    ).toBeUndefined();
  });

  it('accepts a name that does not resolve yet (every delivery checks it again)', async () => {
    expect(
      await resolvedCallbackUrlProblem('https://not-yet.bank.example/', false, resolvesTo()),
    ).toBeUndefined();
  });

  it('judges IPv4-mapped IPv6 addresses as the IPv4 address they carry', () => {
    expect(isPublicAddress('::ffff:8.8.8.8')).toBe(true);
    expect(isPublicAddress('::ffff:10.0.0.1')).toBe(false);
    expect(isPublicAddress('not an address')).toBe(false);
  });
});
