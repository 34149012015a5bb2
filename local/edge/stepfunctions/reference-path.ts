// Evaluates ASL reference paths (`$`, `$.a.b`, `$.a[0]`, `$['a b']`) — enough to learn a Wait state's
// SecondsPath value from its input. Anything fancier yields undefined and the caller does without.
import { isJsonObject, type Json } from './json';

const SEGMENT = /^(?:\.([A-Za-z0-9_$-]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\])/;

export function evaluateReferencePath(path: string, value: Json): Json | undefined {
  if (!path.startsWith('$') || path.startsWith('$$')) return undefined;
  let rest = path.slice(1);
  let current: Json | undefined = value;
  while (rest.length > 0) {
    const match = SEGMENT.exec(rest);
    if (!match || current === undefined) return undefined;
    const [whole, dotted, index, single, double] = match;
    if (index !== undefined) {
      current = Array.isArray(current) ? current[Number(index)] : undefined;
    } else {
      const key = (dotted ?? single ?? double) as string;
      current = isJsonObject(current) ? current[key] : undefined;
    }
    rest = rest.slice(whole.length);
  }
  return current;
}

/** The effective input of a state after InputPath (null means `{}`, as in ASL). */
export function applyInputPath(inputPath: string | null | undefined, value: Json): Json | undefined {
  if (inputPath === undefined) return value;
  if (inputPath === null) return {};
  return evaluateReferencePath(inputPath, value);
}
