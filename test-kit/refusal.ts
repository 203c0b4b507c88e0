import { expect } from "vitest";
import { type ActionResponse, formState } from "./actions";

/** What a refused request came back with, whichever door it knocked on. */
export interface Answer {
  status: number;
  text: string;
  /** For server actions: the FormState the action returned, if it returned one. */
  form?: { ok?: boolean; error?: string };
  /** For server actions: the action threw instead of returning. */
  threw?: boolean;
  location?: string | null;
}

export function fromAction(response: ActionResponse): Answer {
  return {
    status: response.status,
    text: response.text,
    form: formState(response),
    threw: response.threw,
    location: response.location,
  };
}

export function fromResponse(response: { status: number; text: string }): Answer {
  return { status: response.status, text: response.text };
}

export function fromPage(page: { status: number; html: string; location: string | null }): Answer {
  return { status: page.status, text: page.html, location: page.location };
}

/**
 * A clear refusal: a 4xx, or a form error (the action answered 200 with ok: false and a
 * message for the form). Never a 5xx, never an error thrown through the action.
 */
export function expectRefused(answer: Answer, { allowLoginRedirect = false } = {}): void {
  const summary = `${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, summary).toBeLessThan(500);
  if (allowLoginRedirect && answer.status >= 300 && answer.status < 400) {
    expect(answer.location, summary).toMatch(/\/login(\?|$)/);
    return;
  }
  if (answer.status >= 400) return;
  expect(answer.status, summary).toBe(200);
  expect(answer.threw, summary).toBe(false);
  expect(answer.form?.ok, summary).toBe(false);
  expect(answer.form?.error, summary).toMatch(/\S/);
}
