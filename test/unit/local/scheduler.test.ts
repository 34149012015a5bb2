import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  nextCronRun,
  ratePeriodMs,
  readScheduledRules,
  schedulerOptionsFromEnv,
  startScheduler,
} from '../../../local/runtime/scheduler';
import { Resolver } from '../../../local/runtime/template';

describe('the local scheduler', () => {
  it('reads rate expressions in minutes, hours and days, and nothing else', () => {
    expect(ratePeriodMs('rate(1 hour)')).toBe(3_600_000);
    expect(ratePeriodMs('rate(5 minutes)')).toBe(300_000);
    expect(ratePeriodMs('rate(1 day)')).toBe(86_400_000);
    expect(ratePeriodMs('cron(0 12 * * ? *)')).toBeUndefined();
  });

  it('finds the template’s scheduled rules and their Lambda targets, skipping disabled ones', () => {
    const resolver = new Resolver(
      {
        Resources: {
          Job: { Type: 'AWS::Lambda::Function' },
          Hourly: {
            Type: 'AWS::Events::Rule',
            Properties: {
              ScheduleExpression: 'rate(1 hour)',
              State: 'ENABLED',
              Targets: [{ Arn: { 'Fn::GetAtt': ['Job', 'Arn'] }, Id: 'Target0' }],
            },
          },
          Off: {
            Type: 'AWS::Events::Rule',
            Properties: { ScheduleExpression: 'rate(1 day)', State: 'DISABLED', Targets: [] },
          },
        },
      },
      {
        region: 'us-east-1',
        accountId: '000000000000',
        stackName: 'S',
        parameters: {},
        physicalIds: {},
        apiUrl: '',
      },
    );
    expect(readScheduledRules(resolver)).toEqual([
      {
        logicalId: 'Hourly',
        expression: 'rate(1 hour)',
        periodMs: 3_600_000,
        targets: [{ functionName: 'Job' }],
      },
    ]);
  });

  it('takes its timing from DOCSHARE_SCHEDULE_SCALE and DOCSHARE_SCHEDULE_ON_START', () => {
    expect(schedulerOptionsFromEnv({})).toEqual({ scale: 1, runOnStart: false });
    expect(
      schedulerOptionsFromEnv({ DOCSHARE_SCHEDULE_SCALE: '0.001', DOCSHARE_SCHEDULE_ON_START: '1' }),
    ).toEqual({
      scale: 0.001,
      runOnStart: true,
    });
    expect(() => schedulerOptionsFromEnv({ DOCSHARE_SCHEDULE_SCALE: 'fast' })).toThrow(
      /DOCSHARE_SCHEDULE_SCALE/,
    );
  });
});

describe('EventBridge cron schedules, locally', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const next = (expression: string, after: string) => nextCronRun(expression, new Date(after))?.toISOString();

  it('finds the next run in UTC with EventBridge’s fields (minutes hours dom month dow year)', () => {
    expect(next('cron(0 12 * * ? *)', '2026-12-04T10:00:00Z')).toBe('2026-12-04T12:00:00.000Z');
    expect(next('cron(0/15 * * * ? *)', '2026-12-04T10:07:00Z')).toBe('2026-12-04T10:15:00.000Z');
    // Days of the week count from 1 = Sunday: 2 is Monday. 2026-12-04 is a Friday.
    expect(next('cron(15 10 ? * 2 *)', '2026-12-04T10:00:00Z')).toBe('2026-12-07T10:15:00.000Z');
    expect(next('cron(0 8 ? * MON-FRI *)', '2026-12-05T09:00:00Z')).toBe('2026-12-07T08:00:00.000Z');
    expect(next('cron(0 0 1 * ? 2027)', '2026-12-04T10:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(next('rate(1 hour)', '2026-12-04T10:00:00Z')).toBeUndefined();
  });

  it('refuses what EventBridge refuses: no ? in either day field, or a field missing', () => {
    expect(() => next('cron(0 12 * * * *)', '2026-12-04T10:00:00Z')).toThrow(/must be \?/);
    expect(() => next('cron(0 12 * * ?)', '2026-12-04T10:00:00Z')).toThrow(/6 fields/);
  });

  it('invokes a cron rule’s targets at its times', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-04T10:01:00Z') });
    const resolver = new Resolver(
      {
        Resources: {
          Job: { Type: 'AWS::Lambda::Function' },
          EveryFive: {
            Type: 'AWS::Events::Rule',
            Properties: {
              ScheduleExpression: 'cron(0/5 * * * ? *)',
              Targets: [{ Arn: { 'Fn::GetAtt': ['Job', 'Arn'] }, Id: 'Target0' }],
            },
          },
        },
      },
      {
        region: 'us-east-1',
        accountId: '000000000000',
        stackName: 'S',
        parameters: {},
        physicalIds: {},
        apiUrl: '',
      },
    );
    const calls: Array<{ name: string; at: string }> = [];
    const scheduler = startScheduler(
      resolver,
      async (name) => {
        calls.push({ name, at: new Date().toISOString() });
      },
      { scale: 1, runOnStart: false },
    );
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    expect(calls).toEqual([
      { name: 'Job', at: '2026-12-04T10:05:00.000Z' },
      { name: 'Job', at: '2026-12-04T10:10:00.000Z' },
    ]);
    scheduler.stop();
  });
});
