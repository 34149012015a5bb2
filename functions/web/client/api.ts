// Calls to the docshare API from the pages: same origin, the citizen token (if any) as a bearer
// token, problem+json errors turned into ApiError.

const TOKEN_KEY = 'docshare.citizenToken';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly problem: Record<string, unknown>,
  ) {
    super(String(problem.detail ?? problem.title ?? `HTTP ${status}`));
  }
}

export const session = {
  // sessionStorage: the token lives as long as the tab and is never sent anywhere but this API.
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { json?: unknown; body?: Blob; contentType?: string; auth?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = session.get();
  if (options.auth !== false && token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  if (options.contentType) headers['content-type'] = options.contentType;
  const response = await fetch(path, { method, headers, body, credentials: 'omit', cache: 'no-store' });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = { detail: text };
  }
  if (!response.ok) {
    const problem = (parsed ?? {}) as Record<string, unknown>;
    throw new ApiError(response.status, typeof problem.code === 'string' ? problem.code : undefined, problem);
  }
  return parsed as T;
}
