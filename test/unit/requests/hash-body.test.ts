import { describe, expect, it } from 'vitest';
import { hashBody } from '../../../functions/core/requests/submit-request';

// Idempotency compares request bodies by this fingerprint: a retry with the same body (in any key
// order) must match, a body that differs anywhere — nested fields included — must not.

describe('the request body fingerprint', () => {
  it('is the same for the same body in any key order, at every depth', () => {
    const a = { requestId: 'r1', branchId: 'b', options: { purpose: 'p', fields: ['x', 'y'] } };
    const b = { options: { fields: ['x', 'y'], purpose: 'p' }, branchId: 'b', requestId: 'r1' };
    expect(hashBody(a)).toBe(hashBody(b));
    expect(hashBody(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when a nested value, an array order or a key differs', () => {
    const base = { requestId: 'r1', options: { purpose: 'p', fields: ['x', 'y'] } };
    expect(hashBody({ ...base, options: { purpose: 'q', fields: ['x', 'y'] } })).not.toBe(hashBody(base));
    expect(hashBody({ ...base, options: { purpose: 'p', fields: ['y', 'x'] } })).not.toBe(hashBody(base));
    expect(hashBody({ ...base, extra: 1 })).not.toBe(hashBody(base));
  });
});
