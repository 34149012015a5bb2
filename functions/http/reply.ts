// What a handler may return besides a plain JSON body: a status of its choosing, no body, or bytes.

export interface Reply {
  readonly kind: 'reply';
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export const reply = {
  json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
    return {
      kind: 'reply',
      status,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    };
  },
  empty(status = 204): Reply {
    return { kind: 'reply', status };
  },
  bytes(status: number, contentType: string, body: Uint8Array, headers: Record<string, string> = {}): Reply {
    return { kind: 'reply', status, headers: { 'content-type': contentType, ...headers }, body };
  },
  text(status: number, contentType: string, body: string, headers: Record<string, string> = {}): Reply {
    return { kind: 'reply', status, headers: { 'content-type': contentType, ...headers }, body };
  },
  /** 303 See Other: after a form POST the browser follows with a GET. */
  redirect(location: string, status = 303, headers: Record<string, string> = {}): Reply {
    return { kind: 'reply', status, headers: { location, ...headers } };
  },
};

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'reply';
}
