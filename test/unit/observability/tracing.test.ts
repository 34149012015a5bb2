import { afterEach, describe, expect, it, vi } from 'vitest';

// The KMS and S3 clients carry powertools' X-Ray instrumentation in Lambda, and none outside it.

const instrumented = async () => {
  vi.resetModules();
  const { kms } = await import('../../../functions/adapters/kms/client');
  return kms.middlewareStack.identify().some((name) => name.startsWith('XRaySDKInstrumentation'));
};

describe('tracing', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('traces KMS calls as X-Ray subsegments when running in Lambda', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'IssueCopy');
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'true');
    expect(await instrumented()).toBe(true);
  });

  it('leaves the clients as they are outside Lambda (the embedded runtime, tests)', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', undefined as unknown as string);
    expect(await instrumented()).toBe(false);
  });
});
