// Lambda's payload quotas, enforced as Lambda does so that nothing works here that AWS refuses:
// 6 MB for a synchronous request and for any response, 256 KB for an asynchronous event (AWS
// allows 1 MB since October 2025; docshare keeps to 256 KB, what EventBridge and SNS can carry).
export const SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
export const ASYNC_PAYLOAD_LIMIT = 256 * 1024;
