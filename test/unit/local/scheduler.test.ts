import { describe, expect, it } from 'vitest';
import { ratePeriodMs, readScheduledRules, schedulerOptionsFromEnv } from '../../../local/runtime/scheduler';
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
