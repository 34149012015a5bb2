import { describe, expect, it } from 'vitest';
import { InvalidRequest } from '../../../functions/core/errors';
import { assertNewPin, validateNewPin } from '../../../functions/core/pin';

describe('new PIN policy', () => {
  it('accepts an unremarkable five-digit PIN', () => {
    for (const pin of ['47291', '83516', '29074', '10293']) expect(validateNewPin(pin)).toEqual({ ok: true });
  });

  it('refuses anything but exactly five ASCII digits', () => {
    for (const pin of ['', '4729', '472910', '4729a', ' 4729', '４７２９１', '47 91']) {
      expect(validateNewPin(pin)).toMatchObject({ ok: false, reason: 'format' });
    }
  });

  it('refuses the same digit five times', () => {
    for (const pin of ['00000', '11111', '99999'])
      expect(validateNewPin(pin)).toMatchObject({ reason: 'repetitive' });
  });

  it('refuses PINs made of only two different digits', () => {
    for (const pin of ['11112', '21111', '12121', '11222', '00990']) {
      expect(validateNewPin(pin)).toMatchObject({ ok: false, reason: 'repetitive' });
    }
  });

  it('refuses runs up or down, by one or two', () => {
    for (const pin of [
      '01234',
      '12345',
      '23456',
      '56789',
      '54321',
      '98765',
      '43210',
      '13579',
      '02468',
      '86420',
    ]) {
      expect(validateNewPin(pin)).toMatchObject({ ok: false, reason: 'sequence' });
    }
  });

  it('refuses the keyboard-row runs that wrap past 9', () => {
    expect(validateNewPin('67890')).toMatchObject({ reason: 'sequence' });
    expect(validateNewPin('09876')).toMatchObject({ reason: 'sequence' });
  });

  it('accepts PINs that only start like a run', () => {
    expect(validateNewPin('12346')).toEqual({ ok: true });
    expect(validateNewPin('13570')).toEqual({ ok: true });
  });

  it('throws InvalidRequest pointing at the pin field for request handlers', () => {
    expect(() => assertNewPin('12345')).toThrow(InvalidRequest);
    const error = (() => {
      try {
        assertNewPin('1234');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidRequest);
    expect((error as InvalidRequest).errors).toEqual([
      { path: 'pin', message: 'The PIN must be exactly 5 digits' },
    ]);
    expect(() => assertNewPin('47291')).not.toThrow();
  });
});
