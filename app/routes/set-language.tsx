import type { ActionFunctionArgs } from "@remix-run/node";
import { readForm } from "#app/.server/forms.ts";
import { redirect } from "@remix-run/node";
import { getUser, setPreferredLocale } from "#app/.server/auth/index.ts";
import { localeCookie } from "#app/.server/i18n.ts";
import { isLocale } from "#app/i18n.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";
import { badRequest } from "#app/utils/http-errors.ts";
import { withTranslatedErrors } from "#app/.server/security.ts";

// A POST (never a GET) because it changes state: the cookie and, when signed in, the profile.
async function changeLanguage({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = form.get("lang");
  const to = safeRedirect(form.get("redirectTo"));
  if (!isLocale(lang)) throw badRequest();
  const user = getUser(request);
  if (user) setPreferredLocale(user.id, lang);
  return redirect(to, { headers: { "Set-Cookie": localeCookie(lang) } });
}

// A tampered language value answers with a translated 400 page.
export const action = withTranslatedErrors(changeLanguage);

export async function loader() {
  return redirect("/");
}
