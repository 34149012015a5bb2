import { type Reply, reply } from '../http/reply';

/** Back to the client's (already checked) redirect URI with the answer in its query (RFC 6749 §4.1.2). */
export function redirectBack(redirectUri: string, answer: Record<string, string | undefined>): Reply {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(answer))
    if (value !== undefined) url.searchParams.set(name, value);
  return reply.redirect(url.href);
}
