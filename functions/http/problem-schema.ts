import * as z from 'zod';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const problem = (description: string) => ({
  description,
  schema: problemSchema,
  contentType: 'application/problem+json',
});

/** Standard error answers, added to routes by what they can fail with. */
export const problems = {
  400: problem('The request does not match the schema (`invalid_request`)'),
  401: problem('Missing or invalid credentials (`unauthorized`)'),
  403: problem('Not allowed (`forbidden`, `pin_invalid`)'),
  404: problem('Unknown, expired or someone else’s resource (`not_found`)'),
  409: problem('Conflicts with the current state (`conflict`)'),
  410: problem('No longer available (`gone`)'),
  413: problem('Body too large (`payload_too_large`)'),
  415: problem('Wrong media type (`unsupported_media_type`)'),
  422: problem('Malformed barcode (`barcode_invalid`)'),
  423: problem('Consent locked after wrong PINs (`pin_locked`)'),
  429: problem('Rate limited (`rate_limited`)'),
};
