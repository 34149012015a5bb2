import { describe, expect, it } from 'vitest';
import { parseDefinition, prepareDefinition } from '../../../local/edge/stepfunctions/definition';
import { applyInputPath, evaluateReferencePath } from '../../../local/edge/stepfunctions/reference-path';

const callback = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: { FunctionName: 'ask', Payload: { 'token.$': '$$.Task.Token' } },
};

function typeOfError(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { type?: string }).type;
  }
}

describe('parseDefinition', () => {
  it('refuses text that is not JSON, dangling transitions and JSONata as InvalidDefinition', () => {
    expect(typeOfError(() => parseDefinition('{'))).toBe('InvalidDefinition');
    expect(typeOfError(() => parseDefinition(JSON.stringify({ StartAt: 'A', States: {} })))).toBe(
      'InvalidDefinition',
    );
    const jsonata = { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
    expect(typeOfError(() => parseDefinition(JSON.stringify(jsonata)))).toBe('InvalidDefinition');
  });

  it('accepts a callback task with timeouts', () => {
    const definition = {
      StartAt: 'Ask',
      States: { Ask: { ...callback, TimeoutSeconds: 5, HeartbeatSeconds: 2, End: true } },
    };
    expect(parseDefinition(JSON.stringify(definition)).StartAt).toBe('Ask');
  });
});

describe('prepareDefinition', () => {
  it('takes task timeouts over from the library, whose own default of 60 s is pushed out of reach', () => {
    const text = JSON.stringify({
      TimeoutSeconds: 300,
      StartAt: 'Ask',
      States: { Ask: { ...callback, HeartbeatSeconds: 2, Next: 'Plain' }, Plain: { ...callback, End: true } },
    });

    const prepared = prepareDefinition(text);
    const states = prepared.library.States as unknown as Record<string, Record<string, unknown>>;

    expect(prepared.timeoutSeconds).toBe(300);
    expect(prepared.library.TimeoutSeconds).toBeUndefined();
    expect(prepared.tasks.get('Ask')).toMatchObject({
      heartbeatSeconds: 2,
      timeoutSeconds: undefined,
      inMap: false,
    });
    expect(states.Ask!.HeartbeatSeconds).toBeUndefined();
    expect(states.Plain!.TimeoutSeconds).toBeGreaterThan(24 * 3600);
  });

  it('wraps Parameters so TimeoutSecondsPath is read from the state input', () => {
    const text = JSON.stringify({
      StartAt: 'Ask',
      States: { Ask: { ...callback, TimeoutSecondsPath: '$.timeout', End: true } },
    });

    const prepared = prepareDefinition(text);
    const states = prepared.library.States as unknown as Record<string, Record<string, unknown>>;

    expect(prepared.tasks.get('Ask')?.wrapped).toBe(true);
    expect(states.Ask!.Parameters).toEqual({ input: callback.Parameters, 'timeoutSeconds.$': '$.timeout' });
  });

  it('marks tasks inside a Map and collects relative Wait states', () => {
    const text = JSON.stringify({
      StartAt: 'Pause',
      States: {
        Pause: { Type: 'Wait', SecondsPath: '$.delay', Next: 'Each' },
        Each: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'Render', States: { Render: { ...callback, End: true } } },
          End: true,
        },
      },
    });

    const prepared = prepareDefinition(text);

    expect(prepared.tasks.get('Render')?.inMap).toBe(true);
    expect(prepared.waits.get('Pause')).toMatchObject({ secondsPath: '$.delay' });
  });
});

describe('reference paths', () => {
  it('select members and array items, and give up on what they do not understand', () => {
    const value = { a: { 'b c': [10, { d: 4 }] } };

    expect(evaluateReferencePath('$', value)).toEqual(value);
    expect(evaluateReferencePath("$.a['b c'][1].d", value)).toBe(4);
    expect(evaluateReferencePath('$.a.missing', value)).toBeUndefined();
    expect(evaluateReferencePath('$..d', value)).toBeUndefined();
    expect(applyInputPath(null, value)).toEqual({});
    expect(applyInputPath('$.a', value)).toEqual(value.a);
  });
});
