// Lambda's payload quotas, enforced as Lambda does so that nothing works here that AWS refuses:
// 6 MB for a synchronous request and for any response, 256 KB for an asynchronous event (AWS
// allows 1 MB since October 2025; docshare keeps to 256 KB, what EventBridge and SNS can carry).
export const SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
export const ASYNC_PAYLOAD_LIMIT = 256 * 1024;

/**
 * Lambda's refusal of an invocation past the function's reserved concurrency: the function never ran.
 * Marked `lambdaService`, as Step Functions reports Lambda's own refusals as `Lambda.<type>`.
 */
export function throttled(): Error & { lambdaService: true; reason: string } {
  return Object.assign(new Error('Rate Exceeded.'), {
    name: 'TooManyRequestsException',
    lambdaService: true as const,
    reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
  });
}

/** Whether an invocation's error is Lambda's own refusal (see `throttled`), not the function's. */
export function isLambdaServiceError(error: unknown): error is Error & { reason?: string } {
  return error instanceof Error && (error as { lambdaService?: boolean }).lambdaService === true;
}
