import { describe, expect, it } from 'vitest';
import { isLoopbackHostHeader } from '../../../local/edge/loopback-host';

describe('isLoopbackHostHeader', () => {
  it('accepts loopback addresses and localhost names, with or without a port', () => {
    for (const host of [
      '127.0.0.1',
      '127.0.0.1:4566',
      '127.1.2.3:3000',
      'localhost',
      'LOCALHOST:3000',
      '[::1]:4566',
      'bucket.s3.localhost:4566',
    ]) {
      expect(isLoopbackHostHeader(host), host).toBe(true);
    }
  });

  it('refuses every other name a rebinding page could send, and a missing Host', () => {
    for (const host of [
      undefined,
      '',
      'evil.example',
      '127.0.0.1.nip.io',
      'localhost.',
      'localhost.evil.example',
      '127.0.0.256',
      '0.0.0.0',
      '[::ffff:127.0.0.1]',
      '10.0.0.1:4566',
      'localhostx',
    ]) {
      expect(isLoopbackHostHeader(host), String(host)).toBe(false);
    }
  });
});
