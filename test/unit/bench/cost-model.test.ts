import { describe, expect, it } from 'vitest';
import { costPer1000Shares, memoryOptions, PRICES } from '../../../bench/cost-model';

describe('the modelled AWS cost of 1,000 shares', () => {
  const usage = {
    shares: 2,
    apiRequestsPerShare: 3,
    edgeRequests: {
      'DynamoDB_20120810.GetItem': 10, // 10 RRU
      'DynamoDB_20120810.TransactWriteItems': 2, // 8 WRU
      'TrentService.Sign': 4,
      'TrentService.Decrypt': 2,
      'S3.PUT': 6,
      'S3.GET': 2,
      'SESv2.SendEmail': 2,
    },
    lambda: [{ invocations: 20, ms: 4000, memoryMb: 512 }], // 2 GB-s
    stepFunctionsTransitions: 30,
  };

  it('prices each service from the calls of one share, scaled to 1,000 shares', () => {
    const { lines, totalUsd } = costPer1000Shares(usage);
    const usd = (service: string) => lines.find((line) => line.service.startsWith(service))!.usdPer1000Shares;
    expect(usd('API Gateway')).toBeCloseTo(3 * PRICES.apiGatewayHttpRequest * 1000, 9);
    expect(usd('Lambda')).toBeCloseTo((10 * PRICES.lambdaRequest + 1 * PRICES.lambdaArmGbSecond) * 1000, 9);
    expect(usd('Step Functions')).toBeCloseTo(15 * PRICES.stepFunctionsStandardTransition * 1000, 9);
    expect(usd('DynamoDB')).toBeCloseTo(
      (5 * PRICES.dynamoDbReadUnit + 4 * PRICES.dynamoDbWriteUnit) * 1000,
      9,
    );
    expect(usd('KMS')).toBeCloseTo(
      (2 * PRICES.kmsAsymmetricRequest + 1 * PRICES.kmsSymmetricRequest) * 1000,
      9,
    );
    expect(usd('S3')).toBeCloseTo((3 * PRICES.s3PutRequest + 1 * PRICES.s3GetRequest) * 1000, 9);
    expect(usd('SES')).toBeCloseTo(1 * PRICES.sesMessage * 1000, 9);
    expect(totalUsd).toBeCloseTo(
      lines.reduce((sum, line) => sum + line.usdPer1000Shares, 0),
      12,
    );
  });

  it('says what each line counts, per share', () => {
    const { lines } = costPer1000Shares(usage);
    expect(lines.find((line) => line.service.startsWith('Step Functions'))!.units).toBe('15 transitions');
    expect(lines.find((line) => line.service.startsWith('DynamoDB'))!.units).toBe('5 RRU, 4 WRU');
  });
});

describe('Lambda memory sizes, modelled from busy and waiting time', () => {
  // 10 invocations over 2 shares, 100 ms each measured on a full core: 60 ms busy, 40 ms waiting.
  const usage = { invocations: 10, ms: 1000, busyMs: 600, memoryMb: 1024 };

  it('stretches only the busy part below a full vCPU (1,769 MB) and nothing above it', () => {
    const [half, full, more] = memoryOptions(usage, 2, [884.5, 1769, 3538]);
    expect(half!.msPerInvocation).toBe(160); // 40 + 60 × 2
    expect(full!.msPerInvocation).toBe(100);
    expect(more!.msPerInvocation).toBe(100);
  });

  it('prices requests and GB-s per 1,000 shares: the busy part costs the same below a full vCPU', () => {
    const [small, large] = memoryOptions({ ...usage, busyMs: 1000 }, 2, [512, 1024]);
    const expected = (mb: number, ms: number) =>
      5 * 1000 * (PRICES.lambdaRequest + (ms / 1000) * (mb / 1024) * PRICES.lambdaArmGbSecond);
    expect(small!.usdPer1000Shares).toBeCloseTo(expected(512, (100 * 1769) / 512), 5);
    expect(large!.usdPer1000Shares).toBeCloseTo(small!.usdPer1000Shares, 5);
    // With waiting time, more memory only adds cost.
    const [waitingSmall, waitingLarge] = memoryOptions(usage, 2, [512, 1024]);
    expect(waitingLarge!.usdPer1000Shares).toBeGreaterThan(waitingSmall!.usdPer1000Shares);
    expect(waitingLarge!.msPerInvocation).toBeLessThan(waitingSmall!.msPerInvocation);
  });

  it('treats a function with no busy figure as busy all along', () => {
    const [option] = memoryOptions({ invocations: 1, ms: 100, memoryMb: 512 }, 1, [884.5]);
    expect(option!.msPerInvocation).toBe(200);
  });
});
