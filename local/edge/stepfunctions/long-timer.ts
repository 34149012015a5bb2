// setTimeout fires at once for delays over 2^31-1 ms (~24.8 days); task timeouts may be a year long.
const MAX_DELAY_MS = 2_147_483_647;

export interface LongTimer {
  cancel(): void;
}

/** Calls `fire` at the epoch-millisecond `deadline` (at once if it has passed). */
export function timerUntil(deadline: number, fire: () => void): LongTimer {
  let handle: NodeJS.Timeout | undefined;
  const arm = () => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      handle = setTimeout(fire, 0);
      return;
    }
    handle = setTimeout(remaining > MAX_DELAY_MS ? arm : fire, Math.min(remaining, MAX_DELAY_MS));
  };
  arm();
  return { cancel: () => clearTimeout(handle) };
}
