import { describe, expect, it } from 'vitest';
import { InvalidRequest, NotFound, PinInvalid, RateLimited } from '../../../functions/core/errors';
import { problemFromError } from '../../../functions/http/problem-details';

describe('problemFromError', () => {
  it('renders a domain error as RFC 9457 problem+json with its code', () => {
    const result = problemFromError(new NotFound('request'));
    expect(result.statusCode).toBe(404);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.body)).toMatchObject({
      status: 404,
      code: 'not_found',
      detail: 'request was not found',
    });
  });

  it('lists schema errors of an invalid request', () => {
    const body = JSON.parse(
      problemFromError(new InvalidRequest('bad', [{ path: 'body.pin', message: 'x' }])).body,
    );
    expect(body.errors).toEqual([{ path: 'body.pin', message: 'x' }]);
  });

  it('carries attemptsLeft for a wrong PIN and Retry-After when rate limited', () => {
    expect(JSON.parse(problemFromError(new PinInvalid(3)).body)).toMatchObject({
      code: 'pin_invalid',
      attemptsLeft: 3,
    });
    expect(problemFromError(new RateLimited(42)).headers['Retry-After']).toBe('42');
  });

  it('answers 500 without internals for anything unexpected', () => {
    const result = problemFromError(new Error('connect ECONNREFUSED 10.0.0.1: secret table name'));
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('ECONNREFUSED');
    expect(result.body).not.toContain('secret');
  });
});
