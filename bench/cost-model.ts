import { round } from './stats';

// What 1,000 shares would cost on AWS, modelled from the calls one share made on the embedded AWS
// (counted by the edge, the Lambda host and the Step Functions histories) at AWS's published
// on-demand prices. A model, not a bill: DynamoDB capacity is estimated per call (items are small,
// see below), Lambda duration is the local wall time of each invocation, and free tiers, CloudWatch
// Logs, X-Ray and data transfer are left out.

/** us-east-1 list prices in USD, on-demand, as published on each service's pricing page (2026-12). */
export const PRICES = {
  apiGatewayHttpRequest: 1.0 / 1e6,
  lambdaRequest: 0.2 / 1e6,
  lambdaArmGbSecond: 0.0000133334,
  stepFunctionsStandardTransition: 0.025 / 1e3,
  dynamoDbWriteUnit: 0.625 / 1e6,
  dynamoDbReadUnit: 0.125 / 1e6,
  kmsSymmetricRequest: 0.03 / 1e4, // Decrypt, GenerateDataKey, Encrypt, GenerateMac
  kmsAsymmetricRequest: 0.15 / 1e4, // ECC Sign, GetPublicKey
  s3PutRequest: 0.005 / 1e3,
  s3GetRequest: 0.0004 / 1e3,
  sesMessage: 0.1 / 1e3,
} as const;

/**
 * Capacity units per DynamoDB call, for items under 1 KB (writes) and 4 KB (reads), strongly
 * consistent reads; a transaction costs twice per item and is counted as two items, a batch as
 * four. Our items are small: the largest (a document's sealed fields) is about 1.5 KB.
 */
const DYNAMODB_UNITS: Record<string, { read?: number; write?: number }> = {
  GetItem: { read: 1 },
  Query: { read: 1 },
  BatchGetItem: { read: 4 },
  TransactGetItems: { read: 4 },
  PutItem: { write: 1 },
  UpdateItem: { write: 1 },
  DeleteItem: { write: 1 },
  BatchWriteItem: { write: 4 },
  TransactWriteItems: { write: 4 },
};

const ASYMMETRIC_KMS = new Set(['Sign', 'Verify', 'GetPublicKey']);

export interface LambdaUsage {
  name?: string;
  invocations: number;
  /** Wall time of all invocations. */
  ms: number;
  /** Of which the function's thread was busy (the rest waited on AWS calls), when measured. */
  busyMs?: number;
  memoryMb: number;
}

export interface ShareUsage {
  shares: number;
  /** API Gateway requests a partner and a citizen make per share (the bench's polling excluded). */
  apiRequestsPerShare: number;
  /** Edge requests by X-Amz-Target or `S3.<METHOD>` / `SESv2.SendEmail` (local/edge/index.ts). */
  edgeRequests: Record<string, number>;
  lambda: LambdaUsage[];
  stepFunctionsTransitions: number;
}

export type CostLine = { service: string; units: string; usdPer1000Shares: number };

export function costPer1000Shares(usage: ShareUsage): { lines: CostLine[]; totalUsd: number } {
  const perShare = (n: number) => n / usage.shares;
  const scale = 1000;
  const lines: CostLine[] = [];
  const add = (service: string, units: string, usd: number) =>
    lines.push({ service, units, usdPer1000Shares: usd * scale });

  add(
    'API Gateway (HTTP API)',
    `${usage.apiRequestsPerShare} requests`,
    usage.apiRequestsPerShare * PRICES.apiGatewayHttpRequest,
  );

  const invocations = usage.lambda.reduce((sum, f) => sum + f.invocations, 0);
  const gbSeconds = usage.lambda.reduce((sum, f) => sum + (f.ms / 1000) * (f.memoryMb / 1024), 0);
  add(
    'Lambda (arm64)',
    `${round(perShare(invocations), 1)} invocations, ${round(perShare(gbSeconds), 3)} GB-s`,
    perShare(invocations) * PRICES.lambdaRequest + perShare(gbSeconds) * PRICES.lambdaArmGbSecond,
  );

  add(
    'Step Functions (Standard)',
    `${round(perShare(usage.stepFunctionsTransitions), 1)} transitions`,
    perShare(usage.stepFunctionsTransitions) * PRICES.stepFunctionsStandardTransition,
  );

  let reads = 0;
  let writes = 0;
  let kmsSymmetric = 0;
  let kmsAsymmetric = 0;
  let s3Puts = 0;
  let s3Gets = 0;
  let mails = 0;
  for (const [key, count] of Object.entries(usage.edgeRequests)) {
    const [prefix, operation = ''] = key.split('.');
    if (prefix?.startsWith('DynamoDB_')) {
      const units = DYNAMODB_UNITS[operation] ?? {};
      reads += (units.read ?? 0) * count;
      writes += (units.write ?? 0) * count;
    } else if (prefix === 'TrentService') {
      if (ASYMMETRIC_KMS.has(operation)) kmsAsymmetric += count;
      else kmsSymmetric += count;
    } else if (prefix === 'S3') {
      if (operation === 'GET' || operation === 'HEAD') s3Gets += count;
      else s3Puts += count;
    } else if (key === 'SESv2.SendEmail') mails += count;
  }
  add(
    'DynamoDB (on demand)',
    `${round(perShare(reads), 1)} RRU, ${round(perShare(writes), 1)} WRU`,
    perShare(reads) * PRICES.dynamoDbReadUnit + perShare(writes) * PRICES.dynamoDbWriteUnit,
  );
  add(
    'KMS',
    `${round(perShare(kmsAsymmetric), 1)} asymmetric, ${round(perShare(kmsSymmetric), 1)} symmetric requests`,
    perShare(kmsAsymmetric) * PRICES.kmsAsymmetricRequest +
      perShare(kmsSymmetric) * PRICES.kmsSymmetricRequest,
  );
  add(
    'S3',
    `${round(perShare(s3Puts), 1)} PUT, ${round(perShare(s3Gets), 1)} GET`,
    perShare(s3Puts) * PRICES.s3PutRequest + perShare(s3Gets) * PRICES.s3GetRequest,
  );
  if (mails > 0) add('SES', `${round(perShare(mails), 1)} messages`, perShare(mails) * PRICES.sesMessage);

  const totalUsd = lines.reduce((sum, line) => sum + line.usdPer1000Shares, 0);
  return { lines, totalUsd };
}

/** Lambda gives a function one full vCPU at 1,769 MB and a proportional share below. */
export const FULL_VCPU_MB = 1769;

export interface MemoryOption {
  memoryMb: number;
  /** Modelled duration of one invocation at this size. */
  msPerInvocation: number;
  /** The function's Lambda cost (requests + GB-s) per 1,000 shares at this size. */
  usdPer1000Shares: number;
}

/**
 * What a function would take and cost at other memory sizes. Measured here on one full core: the busy
 * part of an invocation stretches by 1,769 / memory below a full vCPU, the waiting part (AWS calls)
 * does not. So below 1,769 MB the CPU part costs the same GB-s at every size and only the waiting part
 * gets dearer with memory, while latency grows as memory shrinks.
 */
export function memoryOptions(
  usage: LambdaUsage,
  shares: number,
  sizes: number[] = [256, 512, 1024, FULL_VCPU_MB],
): MemoryOption[] {
  const invocations = Math.max(1, usage.invocations);
  const busy = Math.min(usage.busyMs ?? usage.ms, usage.ms) / invocations;
  const waiting = usage.ms / invocations - busy;
  return sizes.map((memoryMb) => {
    const msPerInvocation = waiting + busy * Math.max(1, FULL_VCPU_MB / memoryMb);
    const perShare = usage.invocations / shares;
    const usd =
      perShare *
      (PRICES.lambdaRequest + (msPerInvocation / 1000) * (memoryMb / 1024) * PRICES.lambdaArmGbSecond);
    return { memoryMb, msPerInvocation: round(msPerInvocation, 1), usdPer1000Shares: round(usd * 1000, 6) };
  });
}
