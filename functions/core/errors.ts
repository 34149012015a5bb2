// Every business rule that can refuse a request has its own error type. The HTTP layer maps them to
// RFC 9457 problem details in one place (functions/http/problem-details.ts); nothing else builds errors.

export interface FieldError {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  abstract readonly title: string;
  /** Extra members of the problem document, e.g. `attemptsLeft`. */
  readonly extensions: Record<string, unknown> = {};
  /** Extra response headers, e.g. `Retry-After`. */
  readonly headers: Record<string, string> = {};

  constructor(readonly detail: string) {
    super(detail);
    this.name = new.target.name;
  }
}

export class InvalidRequest extends DomainError {
  readonly status = 400;
  readonly code = 'invalid_request';
  readonly title = 'The request is not valid';
  constructor(
    detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
  }
}

export class Unauthorized extends DomainError {
  readonly status = 401;
  readonly code = 'unauthorized';
  readonly title = 'Authentication is required';
}

export class Forbidden extends DomainError {
  readonly status = 403;
  readonly code = 'forbidden';
  readonly title = 'This action is not allowed';
}

export class NotFound extends DomainError {
  readonly status = 404;
  readonly code = 'not_found';
  readonly title = 'Not found';
  constructor(what: string) {
    super(`${what} was not found`);
  }
}

export class Conflict extends DomainError {
  readonly status = 409;
  readonly code = 'conflict';
  readonly title = 'The request conflicts with the current state';
}

export class Gone extends DomainError {
  readonly status = 410;
  readonly code = 'gone';
  readonly title = 'No longer available';
}

export class PayloadTooLarge extends DomainError {
  readonly status = 413;
  readonly code = 'payload_too_large';
  readonly title = 'The request body is too large';
}

export class UnsupportedMediaType extends DomainError {
  readonly status = 415;
  readonly code = 'unsupported_media_type';
  readonly title = 'Unsupported media type';
}

export class BarcodeInvalid extends DomainError {
  readonly status = 422;
  readonly code = 'barcode_invalid';
  readonly title = 'The barcode is malformed';
}

export class PinInvalid extends DomainError {
  readonly status = 403;
  readonly code = 'pin_invalid';
  readonly title = 'The PIN is wrong';
  constructor(readonly attemptsLeft: number) {
    super(`The PIN is wrong; ${attemptsLeft} attempt(s) left before consent is locked`);
    this.extensions.attemptsLeft = attemptsLeft;
  }
}

export class PinLocked extends DomainError {
  readonly status = 423;
  readonly code = 'pin_locked';
  readonly title = 'Consent is locked after too many wrong PINs';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many wrong PINs; try again in ${retryAfterSeconds} s`);
    this.headers['Retry-After'] = String(retryAfterSeconds);
    this.extensions.retryAfter = retryAfterSeconds;
  }
}

export class RateLimited extends DomainError {
  readonly status = 429;
  readonly code = 'rate_limited';
  readonly title = 'Too many requests';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; retry after ${retryAfterSeconds} s`);
    this.headers['Retry-After'] = String(retryAfterSeconds);
  }
}

/** Not ready yet (e.g. the signing certificate before the operator issued it): retry later. */
export class ServiceUnavailable extends DomainError {
  readonly status = 503;
  readonly code = 'service_unavailable';
  readonly title = 'Service unavailable';
  constructor(detail: string, retryAfterSeconds = 60) {
    super(detail);
    this.headers['Retry-After'] = String(retryAfterSeconds);
  }
}

/** The error codes of RFC 6749 §4.1.2.1 and §5.2 that docshare's OAuth endpoints answer with. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope';

/**
 * An OAuth 2.0 refusal. Still problem+json (one error mapping for the whole API), with the `error`
 * and `error_description` members OAuth clients look for (RFC 6749 §5.2), so both kinds of client read it.
 */
export class OAuthError extends DomainError {
  readonly status = 400;
  readonly title = 'The authorization request was refused';
  constructor(
    readonly code: OAuthErrorCode,
    detail: string,
  ) {
    super(detail);
    this.extensions.error = code;
    this.extensions.error_description = detail;
  }
}
