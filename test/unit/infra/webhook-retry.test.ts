import { describe, expect, it } from 'vitest';
import { retryWaits, WEBHOOK_RETRY } from '../../../infra/config/webhook-retry';

const HOUR = 3600;

describe('webhook retries', () => {
  it('try a dead webhook for more than 24 h in 12 attempts', () => {
    const waits = retryWaits(WEBHOOK_RETRY);
    expect(waits).toHaveLength(11);
    const lastAttemptAt = waits.reduce((sum, wait) => sum + wait, 0);
    expect(lastAttemptAt).toBeGreaterThan(24 * HOUR);
    expect(lastAttemptAt).toBeLessThan(26 * HOUR);
  });

  it('double from a minute and never wait more than 8 h between attempts', () => {
    const waits = retryWaits(WEBHOOK_RETRY);
    expect(waits.slice(0, 3)).toEqual([60, 120, 240]);
    expect(Math.max(...waits)).toBe(8 * HOUR);
    expect(retryWaits({ intervalSeconds: 1, maxDelaySeconds: 2, maxAttempts: 4 })).toEqual([1, 2, 2, 2]);
  });
});
