import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { and, eq } from "drizzle-orm";
import { db, schema } from "#app/.server/db.ts";
import { redirectWithFlash, type Flash } from "#app/.server/flash.ts";
import { FORM_TOKEN_FIELD } from "#app/components/form-token.tsx";
import { conflict } from "#app/utils/http-errors.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";

// One-time form tokens: a repeated submission of a create form (a double click, a Back and
// resubmit, a browser retry) is recognised and answered like the first one, without creating a
// second copy. The page's loader issues a token, the form carries it in a hidden field
// (<FormToken />), and the action runs its write through `submitOnce(...)`, which records the
// token in `form_submissions` in the same immediate transaction as the write. ADR 0009.

export { FORM_TOKEN_FIELD };

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** A new form token: 128 random bits as 22 base64url characters. Issue one per page render. */
export function issueFormToken(): string {
  return encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(16)));
}

/** The token a submitted form carries, or null when it has none or not one of ours. */
export function readFormToken(form: FormData): string | null {
  const value = form.get(FORM_TOKEN_FIELD);
  return typeof value === "string" && TOKEN_PATTERN.test(value) ? value : null;
}

/** What a successful create answered: a redirect (PRG) and the flash message shown after it. */
export type FormAnswer = { redirectTo: string; flash?: Flash };

/** The answer to a successful create: fixed (success = the result is not `{ ok: false }`) or computed from the result (null = refused). */
export type Answer<T> = FormAnswer | ((result: T) => FormAnswer | null);

function succeeded(result: unknown) {
  return !(result && typeof result === "object" && "ok" in result && result.ok === false);
}

/** Runs a synchronous database write; `submitOnce(...).writer(...)` makes one that runs it once per token. */
export type WriteStep<T> = (write: () => T) => T;

/** Runs the write as it is: the default for features whose callers have no form token. */
export const writeNow = <T>(write: () => T): T => write();

/** The 302 for an answer, with its flash message when it has one. */
function answerResponse(answer: FormAnswer): Response {
  if (answer.flash) return redirectWithFlash(answer.redirectTo, answer.flash);
  return new Response(null, { status: 302, headers: { Location: safeRedirect(answer.redirectTo) } });
}

/**
 * Guards one create form against repeated submission.
 *
 * `form` names the form ("initiative-update"); a page's token may serve several forms, each once.
 * Creating the guard throws the first answer (a 302 Response, which Remix sends) when this user
 * already submitted this form with this token, so a repeat is answered before any other work.
 * A token used by another user throws 409. A form without a (well-formed) token is not guarded:
 * every page form carries one, and this keeps scripted callers working.
 *
 * Then run the create through `write(create, answer)` (or hand `writer(answer)` to a feature
 * function that notifies after its write), and return `respond()`.
 */
export function submitOnce(form: FormData, claim: { userId: number; form: string }) {
  const token = readFormToken(form);
  const find = (tx: Pick<typeof db, "select">) =>
    token
      ? tx
          .select({ userId: schema.formSubmissions.userId, redirectTo: schema.formSubmissions.redirectTo, flash: schema.formSubmissions.flash })
          .from(schema.formSubmissions)
          .where(and(eq(schema.formSubmissions.token, token), eq(schema.formSubmissions.form, claim.form)))
          .get()
      : undefined;
  const answerRepeat = (row: ReturnType<typeof find>) => {
    if (!row) return;
    if (row.userId !== claim.userId) throw conflict();
    throw answerResponse({ redirectTo: row.redirectTo, flash: row.flash ? (JSON.parse(row.flash) as Flash) : undefined });
  };
  answerRepeat(find(db));

  let answered: FormAnswer | null = null;

  /**
   * Runs `create` (synchronous) and records the token in one immediate transaction. `answer` is
   * the redirect for a success: a FormAnswer (a result `{ ok: false, … }` is a refusal), or a
   * function of the result returning null for a refusal. After a refusal the token stays unused,
   * so the corrected form can be sent again. A repeat that raced past the first check is answered
   * here: the transaction rolls back and the first answer is thrown.
   */
  function write<T>(create: () => T, answer: Answer<T>): T {
    return db.transaction(
      (tx) => {
        answerRepeat(find(tx));
        const result = create();
        const outcome = typeof answer === "function" ? answer(result) : succeeded(result) ? answer : null;
        if (outcome) {
          answered = outcome;
          if (token) {
            tx.insert(schema.formSubmissions)
              .values({
                token,
                form: claim.form,
                userId: claim.userId,
                redirectTo: outcome.redirectTo,
                flash: outcome.flash ? JSON.stringify(outcome.flash) : null,
              })
              .run();
          }
        }
        return result;
      },
      { behavior: "immediate" },
    );
  }

  return {
    write,
    /** `write` with the answer fixed, for a feature function that takes a WriteStep. */
    writer<T>(answer: Answer<T>): WriteStep<T> {
      return (create) => write(create, answer);
    },
    /** The success answer recorded by `write`: a 302 with its flash. Throws when nothing succeeded. */
    respond(): Response {
      if (!answered) throw new Error("submitOnce: respond() called before a successful write");
      return answerResponse(answered);
    },
  };
}
