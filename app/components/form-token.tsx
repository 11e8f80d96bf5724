/** The name of the hidden field that carries a create form's one-time token. */
export const FORM_TOKEN_FIELD = "formToken";

/**
 * The hidden one-time token of a create form (issued by the route's loader with
 * `issueFormToken()`, checked by the action with `submitOnce`). Put it inside the form and:
 * - give the form (or its component) `key={token}`, so that after a success, when the loader
 *   issues a new token, React remounts the form empty;
 * - give the `<form>` `autoComplete="off"`: when Back re-displays a submitted form, browsers
 *   restore what was typed but not hidden inputs, pairing the old text with the page's new token
 *   (a duplicate on resubmit). With autocomplete off they restore nothing, so Back shows the form
 *   as the page renders it: empty, with a new token. Fields that want autofill (a name) keep it
 *   with their own `autoComplete` value.
 */
export function FormToken({ value }: { value: string }) {
  return <input type="hidden" name={FORM_TOKEN_FIELD} value={value} />;
}
