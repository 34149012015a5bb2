import { describe, expect, it } from 'vitest';
import type { TaskSpec } from '../../../local/edge/stepfunctions/definition';
import type { ExecutionRecord } from '../../../local/edge/stepfunctions/records';
import { RunDetachedError, TaskJournal } from '../../../local/edge/stepfunctions/task-journal';
import { isWellFormedToken, newTaskToken } from '../../../local/edge/stepfunctions/task-tokens';

function journal() {
  const record = { tasks: {} } as unknown as ExecutionRecord;
  let writes = 0;
  const tokens: string[] = [];
  const tasks = new TaskJournal({
    record,
    persist: async () => {
      writes += 1;
    },
    tokenIssued: (token) => tokens.push(token),
  });
  return { tasks, record, tokens, writes: () => writes };
}

const spec = (name: string, inMap = false): TaskSpec => ({ name, resource: 'r', inMap, wrapped: false });

describe('TaskJournal', () => {
  it('keys attempts by state name and occurrence, and by input inside a Map', () => {
    const { tasks } = journal();

    expect(tasks.nextKey(spec('Load'), { a: 1 })).toBe('Load#1');
    expect(tasks.nextKey(spec('Load'), { a: 2 })).toBe('Load#2');
    const first = tasks.nextKey(spec('Render', true), { doc: 'a', n: 1 });
    expect(tasks.nextKey(spec('Render', true), { n: 1, doc: 'a' })).toBe(first.replace(/#1$/, '#2'));
    expect(tasks.nextKey(spec('Render', true), { doc: 'b' })).toMatch(/^Render#[^#]+#1$/);
  });

  it('keeps the first outcome of a task and persists it before waking the waiter', async () => {
    const { tasks, record, writes } = journal();
    tasks.begin('Ask#1');
    const outcome = tasks.awaitOutcome('Ask#1', {});

    expect(await tasks.settle('Ask#1', { ok: true, result: 'yes' })).toBe(true);
    expect(await tasks.settle('Ask#1', { ok: true, result: 'no' })).toBe(false);
    expect(await outcome).toEqual({ ok: true, result: 'yes' });
    expect(record.tasks['Ask#1']?.outcome).toEqual({ ok: true, result: 'yes' });
    expect(writes()).toBe(1);
  });

  it('times a task out from when its attempt started, even one that started before a restart', async () => {
    const { tasks, record } = journal();
    record.tasks['Ask#1'] = { startedAt: Date.now() - 5000, token: newTaskToken() };

    const outcome = await tasks.awaitOutcome('Ask#1', { timeoutSeconds: 5 });

    expect(outcome).toMatchObject({ ok: false, error: 'States.Timeout' });
  });

  it('ends waits with an error the library may neither retry nor catch when detached', async () => {
    const { tasks } = journal();
    tasks.begin('Ask#1');
    const outcome = tasks.awaitOutcome('Ask#1', {});

    tasks.detach(new RunDetachedError('closing'));

    const error = await outcome.catch((e: RunDetachedError) => e);
    expect(error).toBeInstanceOf(RunDetachedError);
    expect((error as RunDetachedError).isRetryable).toBe(false);
    expect((error as RunDetachedError).isCatchable).toBe(false);
    expect(await tasks.settle('Ask#1', { ok: true, result: null })).toBe(false);
  });
});

describe('task tokens', () => {
  it('are unguessable and recognisable', () => {
    const token = newTaskToken();

    expect(isWellFormedToken(token)).toBe(true);
    expect(newTaskToken()).not.toBe(token);
    expect(isWellFormedToken('AQshort')).toBe(false);
  });
});
