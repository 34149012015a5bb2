import { describe, expect, it } from 'vitest';
import {
  API_KEY_PATTERN,
  apiKeyMatchesHash,
  generateApiKey,
  hashApiKey,
} from '../../../functions/core/partners/api-keys';

describe('partner API keys', () => {
  it('are dsk_ followed by 40 base62 characters, different every time', () => {
    const keys = new Set(Array.from({ length: 1000 }, generateApiKey));
    expect(keys.size).toBe(1000);
    for (const key of keys) expect(key).toMatch(API_KEY_PATTERN);
  });

  it('match only their own hash', () => {
    const key = generateApiKey();
    expect(apiKeyMatchesHash(key, hashApiKey(key))).toBe(true);
    expect(apiKeyMatchesHash(generateApiKey(), hashApiKey(key))).toBe(false);
    expect(hashApiKey(key)).not.toContain(key.slice(4));
  });
});
