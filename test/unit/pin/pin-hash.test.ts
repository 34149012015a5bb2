import { describe, expect, it } from 'vitest';
import { hashPin, isPeppered, pinHashNeedsUpgrade, verifyPin } from '../../../functions/core/pin';

describe('PIN hashing', () => {
  it('stores a salted scrypt hash in the documented format', async () => {
    const hash = await hashPin('47291');
    expect(hash).toMatch(/^pscrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(isPeppered(hash)).toBe(true);
    expect(hash).not.toContain('47291');
  });

  it('salts every hash differently', async () => {
    expect(await hashPin('47291')).not.toBe(await hashPin('47291'));
  });

  it('verifies the right PIN and refuses a wrong one', async () => {
    const hash = await hashPin('47291');
    expect(await verifyPin('47291', hash)).toBe(true);
    expect(await verifyPin('47292', hash)).toBe(false);
    expect(await verifyPin('', hash)).toBe(false);
  });

  it('verifies hashes made with other parameters, and flags weaker ones for re-hashing', async () => {
    // scrypt("47291", salt = 16 zero bytes, N=1024, r=8, p=1, 32 bytes), computed independently.
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.alloc(16);
    const key = scryptSync('47291', salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = `scrypt$1024$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPin('47291', stored)).toBe(true);
    expect(isPeppered(stored)).toBe(false);
    expect(pinHashNeedsUpgrade(stored)).toBe(true);
    // A hash of the bare PIN at today's cost still needs the pepper.
    const bare = `scrypt$16384$8$1$${salt.toString('base64url')}$${scryptSync('47291', salt, 32, { N: 16384, r: 8, p: 1, maxmem: 64 * 2 ** 20 }).toString('base64url')}`;
    expect(pinHashNeedsUpgrade(bare)).toBe(true);
    expect(pinHashNeedsUpgrade(await hashPin('47291'))).toBe(false);
  });

  it('refuses to verify against something that is not a stored hash', async () => {
    await expect(verifyPin('47291', '47291')).rejects.toThrow(/format/);
    await expect(
      verifyPin('47291', 'bcrypt$1$2$3$aaaaaaaaaaaaaaaaaaaaaa$bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'),
    ).rejects.toThrow();
  });

  it('refuses stored parameters that would exhaust memory', async () => {
    const huge = `scrypt$1048576$32$1$${'a'.repeat(22)}$${'b'.repeat(43)}`;
    await expect(verifyPin('47291', huge)).rejects.toThrow(/format/);
  });
});
