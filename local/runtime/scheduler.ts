import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { functionNameOf } from './lambda-host';
import type { Resolver } from './template';

// EventBridge scheduled rules, locally: every AWS::Events::Rule of the template with a `rate(...)` or
// `cron(...)` ScheduleExpression invokes its Lambda targets with a "Scheduled Event", as EventBridge
// does. DOCSHARE_SCHEDULE_SCALE multiplies rate periods (0.001 turns an hour into 3.6 s; 0 turns the
// scheduler off) and DOCSHARE_SCHEDULE_ON_START=1 runs every rule once when the runtime is ready.
// Cron rules fire at their wall-clock times (UTC), as on AWS.

export interface ScheduledRule {
  logicalId: string;
  expression: string;
  /** A rate rule's period; undefined for a cron rule. */
  periodMs?: number;
  /** Function names of the rule's Lambda targets, with each target's fixed Input if it has one. */
  targets: Array<{ functionName: string; input?: unknown }>;
}

export interface SchedulerOptions {
  scale: number;
  runOnStart: boolean;
}

export interface Scheduler {
  readonly rules: ScheduledRule[];
  /** Runs one rule's targets now (as its schedule would) and resolves with their results. */
  runNow(logicalId: string): Promise<unknown[]>;
  stop(): void;
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** `rate(5 minutes)` → 300000; undefined for anything else. */
export function ratePeriodMs(expression: string): number | undefined {
  const match = /^rate\((\d+)\s+(minute|hour|day)s?\)$/.exec(expression.trim());
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : undefined;
}

/**
 * The first run of an EventBridge `cron(minutes hours day-of-month month day-of-week year)` after
 * `after`, in UTC; undefined for a rate expression. EventBridge's fields are Quartz's without the
 * seconds: days of the week 1–7 from Sunday, and `?` for "no particular value" in one of the two
 * day fields. croner (a maintained cron library) evaluates it in its 7-part Quartz-weekday mode; `?`
 * becomes `*` first, because croner reads `?` as "the current value".
 */
export function nextCronRun(expression: string, after: Date): Date | undefined {
  const match = /^cron\((.+)\)$/.exec(expression.trim());
  if (!match) return undefined;
  const fields = match[1]!.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`${expression}: EventBridge cron takes 6 fields`);
  const [, , dayOfMonth, , dayOfWeek] = fields;
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    throw new Error(`${expression}: one of day-of-month and day-of-week must be ?`);
  }
  const pattern = ['0', ...fields.map((field) => (field === '?' ? '*' : field))].join(' ');
  const cron = new Cron(pattern, {
    timezone: 'UTC',
    mode: '7-part',
    alternativeWeekdays: true,
    // EventBridge writes steps from a start value, as Quartz does: 0/15.
    sloppyRanges: true,
    paused: true,
  });
  return cron.nextRun(after) ?? undefined;
}

export function readScheduledRules(resolver: Resolver): ScheduledRule[] {
  return resolver
    .resourcesOfType('AWS::Events::Rule')
    .filter(([, rule]) => rule.Properties?.ScheduleExpression && rule.Properties.State !== 'DISABLED')
    .map(([logicalId, rule]) => {
      const expression = resolver.resolveString(rule.Properties!.ScheduleExpression);
      const targets = ((rule.Properties!.Targets as Array<Record<string, unknown>> | undefined) ?? [])
        .map((target) => ({
          arn: resolver.resolveString(target.Arn),
          input:
            typeof target.Input === 'string' ? JSON.parse(resolver.resolveString(target.Input)) : undefined,
        }))
        .filter((target) => target.arn.startsWith('arn:aws:lambda:'))
        .map((target) => ({ functionName: functionNameOf(target.arn), input: target.input }));
      return { logicalId, expression, periodMs: ratePeriodMs(expression), targets };
    });
}

export function schedulerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SchedulerOptions {
  const scale = env.DOCSHARE_SCHEDULE_SCALE === undefined ? 1 : Number(env.DOCSHARE_SCHEDULE_SCALE);
  if (!Number.isFinite(scale) || scale < 0)
    throw new Error(`DOCSHARE_SCHEDULE_SCALE must be a number ≥ 0, not ${env.DOCSHARE_SCHEDULE_SCALE}`);
  return { scale, runOnStart: env.DOCSHARE_SCHEDULE_ON_START === '1' };
}

export function startScheduler(
  resolver: Resolver,
  invoke: (functionName: string, event: unknown) => Promise<unknown>,
  options: SchedulerOptions,
): Scheduler {
  const rules = readScheduledRules(resolver);
  const { region, accountId } = resolver.env;
  const timers: NodeJS.Timeout[] = [];

  const runNow = (logicalId: string) => {
    const rule = rules.find((candidate) => candidate.logicalId === logicalId);
    if (!rule) return Promise.reject(new Error(`No scheduled rule ${logicalId}`));
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: accountId,
      time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region,
      resources: [`arn:aws:events:${region}:${accountId}:rule/${logicalId}`],
      detail: {},
    };
    return Promise.all(rule.targets.map((target) => invoke(target.functionName, target.input ?? event)));
  };
  // A failed run is only logged: EventBridge retries and then drops it; the next period runs again.
  const fire = (rule: ScheduledRule) =>
    runNow(rule.logicalId).catch((error: Error) =>
      console.error(`scheduler: ${rule.logicalId} failed: ${error.message}`),
    );

  const timeouts = new Set<NodeJS.Timeout>();
  // A cron rule waits for its next time, fires, and waits again (long waits in steps: timers cap at
  // about 24.8 days).
  const schedule = (rule: ScheduledRule) => {
    const next = nextCronRun(rule.expression, new Date());
    if (!next) return;
    const wait = next.getTime() - Date.now();
    const timer = setTimeout(
      () => {
        timeouts.delete(timer);
        if (Date.now() >= next.getTime()) void fire(rule);
        schedule(rule);
      },
      Math.min(wait, 2 ** 31 - 1),
    );
    timer.unref();
    timeouts.add(timer);
  };

  for (const rule of rules) {
    if (options.runOnStart) void fire(rule);
    if (options.scale === 0) continue;
    if (rule.periodMs === undefined) {
      schedule(rule);
      continue;
    }
    const timer = setInterval(() => void fire(rule), Math.max(1000, rule.periodMs * options.scale));
    timer.unref();
    timers.push(timer);
  }
  return {
    rules,
    runNow,
    stop() {
      for (const timer of timers) clearInterval(timer);
      for (const timer of timeouts) clearTimeout(timer);
    },
  };
}
