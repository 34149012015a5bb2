// The library's own States.Timeout error class. Its Retry/Catch logic lets `States.TaskFailed` match every
// task error except instances of that (unexported) class, as AWS does; the emulator times tasks out itself,
// so it needs that class. It is learnt once from a task the library times out after 1 ms.
import './promise-with-resolvers';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

type ErrorClass = new () => Error;

let timeoutErrorClass: ErrorClass | undefined;

async function learnTimeoutErrorClass(): Promise<void> {
  const definition = {
    StartAt: 'Probe',
    States: {
      Probe: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:probe', End: true },
    },
  };
  // TimeoutSeconds as a fraction is outside ASL but gives the library a 1 ms timer.
  (definition.States.Probe as Record<string, unknown>).TimeoutSeconds = 0.001;
  const machine = new StateMachine(definition as unknown as StateMachineDefinition, {
    validationOptions: { noValidate: true },
  });
  const never = () => new Promise<never>(() => undefined);
  const failure = await machine
    .run(null, { overrides: { taskResourceLocalHandlers: { Probe: never } } })
    .result.then(
      () => undefined,
      (error: unknown) => error,
    );
  const cause = failure instanceof Error ? failure.cause : undefined;
  if (cause instanceof Error && cause.name === 'States.Timeout') {
    timeoutErrorClass = cause.constructor as ErrorClass;
  }
}

export const timeoutErrorClassLearnt: Promise<void> = learnTimeoutErrorClass().catch(() => undefined);

/** A States.Timeout error the library treats as its own (not matched by `States.TaskFailed`). */
export function statesTimeoutError(cause: string): Error {
  const error = timeoutErrorClass ? new timeoutErrorClass() : new Error();
  error.name = 'States.Timeout';
  error.message = cause;
  return error;
}
