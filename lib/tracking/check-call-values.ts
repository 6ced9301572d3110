/** Deepest nesting of objects and arrays a call may have (the call itself is level 1). */
export const maxCallDepth = 32;
/** Most keys one object of a call may have, and most items one array may have. */
export const maxKeysPerObject = 1000;

export interface ValueProblem {
  field: string;
  message: string;
}

// In a Unicode regular expression a surrogate pair is one code point: only lone surrogates match.
const loneSurrogate = /\p{Surrogate}/u;
const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * The first value of a call that PostgreSQL could not store or that no sender means to send: a
 * string with a lone UTF-16 surrogate (`\ud800`, refused by jsonb), objects or arrays nested deeper
 * than 32 levels, an object with more than 1,000 keys. Null when the call is fine. Checked per call,
 * before it joins a group commit, so that one such call never fails its neighbours' statement.
 */
export function findBadCallValue(value: unknown, path = "", depth = 1): ValueProblem | null {
  if (typeof value === "string") {
    return !loneSurrogate.test(value)
      ? null
      : { field: path, message: "contains a lone UTF-16 surrogate (e.g. \\ud800), which is not valid Unicode; send valid UTF-8 text" };
  }
  if (typeof value !== "object" || value === null) return null;
  if (depth > maxCallDepth) {
    return { field: path, message: `is nested deeper than ${maxCallDepth} levels; flatten the call's properties or traits` };
  }
  if (Array.isArray(value)) {
    if (value.length > maxKeysPerObject) {
      return { field: path, message: `has ${value.length} items; at most ${maxKeysPerObject} are allowed` };
    }
    for (let i = 0; i < value.length; i++) {
      const problem = findBadCallValue(value[i], join(path, i), depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  const keys = Object.keys(value);
  if (keys.length > maxKeysPerObject) {
    return { field: path, message: `has ${keys.length} keys; at most ${maxKeysPerObject} are allowed` };
  }
  for (const key of keys) {
    if (loneSurrogate.test(key)) {
      return {
        field: join(path, JSON.stringify(key).slice(1, -1)),
        message: "is a key with a lone UTF-16 surrogate, which is not valid Unicode",
      };
    }
    const problem = findBadCallValue((value as Record<string, unknown>)[key], join(path, key), depth + 1);
    if (problem) return problem;
  }
  return null;
}
