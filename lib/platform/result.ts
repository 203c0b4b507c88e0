/** What a server action or a write in lib/ returns: data, or an error the user can act on. */
export type Result<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; error: string; fieldErrors?: FieldErrors };

export type ErrorCode = "invalid" | "not_found" | "forbidden" | "conflict" | "rate_limited";
export type FieldErrors = Record<string, string[] | undefined>;

/** A promise is never a result: `ok(someAsyncCall())` would answer before the write ran. */
export function ok<T>(data: T extends PromiseLike<unknown> ? never : T): Result<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, error: string, fieldErrors?: FieldErrors): Result<never> {
  return { ok: false, code, error, fieldErrors };
}

/** Thrown by loaders when something does not exist or must not be revealed. */
export class NotFoundError extends Error {
  constructor(what = "Not found") {
    super(what);
    this.name = "NotFoundError";
  }
}

/** Thrown by loaders for input that is well-formed but wrong here (a foreign cursor). */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidInputError";
  }
}
