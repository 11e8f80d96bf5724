import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import { translate, type Locale } from "#app/i18n.ts";
import { badRequest } from "#app/utils/http-errors.ts";

/** Answers a form with errors: the submission (input kept, passwords dropped) and a status. */
export function replyWithErrors(
  submission: Submission<unknown>,
  status: 400 | 403 | 404 | 409 | 413 | 429,
  options: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] } = {},
) {
  return data(
    {
      result: submission.reply({
        formErrors: options.formErrors,
        fieldErrors: options.fieldErrors,
        hideFields: options.hideFields,
      }),
    },
    { status },
  );
}

export function rateLimitMessage(locale: Locale, retryAfterSeconds: number) {
  return translate(locale, "errors.rateLimited", { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
}

/** A 429 answer for a rate-limited form, with Retry-After. */
export function replyRateLimited(
  submission: Submission<unknown>,
  locale: Locale,
  retryAfterSeconds: number,
  hideFields?: string[],
) {
  return data(
    { result: submission.reply({ formErrors: [rateLimitMessage(locale, retryAfterSeconds)], hideFields }) },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

/**
 * The submitted form, or a 400 when the body is not a form at all (wrong type, broken encoding).
 * Line breaks in text values are stored as "\n": browsers submit every textarea with CRLF (HTML's
 * form-data encoding), so without this the first unchanged save of text written elsewhere (the
 * seed, an import) would rewrite every line ending.
 */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badRequest();
  }
  const normalised = new FormData();
  for (const [name, value] of form) {
    normalised.append(name, typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value);
  }
  return normalised;
}
