import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type LocalRuntime, type StartStep, startLocalRuntime } from '../../../local/runtime';
import { TEST_CDK_OUT } from './global-setup';
import { openTarget, targetFile } from './target';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * Boots the whole local runtime (edge, API, seeded data) on random ports in a fresh data folder —
 * or, with DOCSHARE_TARGET set, opens that deployment (support/target.ts); only the `target` project's
 * files run then, and they use nothing the deployment lacks.
 */
export async function bootRuntime(
  dataDir?: string,
  parameters?: Record<string, string>,
  onProgress?: (step: StartStep) => void,
): Promise<LocalRuntime & { dispose(): Promise<void> }> {
  if (targetFile) {
    if (dataDir || parameters) throw new Error('This test needs the embedded runtime; unset DOCSHARE_TARGET');
    return openTarget(targetFile) as unknown as LocalRuntime & { dispose(): Promise<void> };
  }
  const dir = dataDir ?? mkdtempSync(path.join(tmpdir(), 'docshare-it-'));
  const runtime = await startLocalRuntime({ dataDir: dir, cdkOutDir: TEST_CDK_OUT, parameters, onProgress });
  return Object.assign(runtime, {
    async dispose() {
      await runtime.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  });
}

/**
 * Points this process's AWS SDK at the runtime's edge and its data table, so a test can call the
 * functions' adapters (stores) directly, as a Lambda does. Import the adapters after this.
 */
export function useAdaptersOf(runtime: LocalRuntime, extra: Record<string, string> = {}): void {
  const [tableId] = runtime.resolver.resourcesOfType('AWS::DynamoDB::Table')[0]!;
  Object.assign(process.env, {
    TABLE_NAME: runtime.resolver.ref(tableId),
    AWS_ENDPOINT_URL: runtime.edgeUrl,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    ...extra,
  });
}

export interface JsonAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the local API and parses the JSON (or problem+json) answer. */
export async function callApi<T = Record<string, unknown>>(
  runtime: Pick<LocalRuntime, 'apiUrl'>,
  method: string,
  pathname: string,
  options: { token?: string; body?: unknown; rawBody?: Uint8Array | string; contentType?: string } = {},
): Promise<JsonAnswer<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: Uint8Array | string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  if (options.contentType) headers['content-type'] = options.contentType;
  const response = await fetch(runtime.apiUrl + pathname, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}
