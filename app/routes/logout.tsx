import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearSessionCookie, getCurrentSession, invalidateSession } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";

export async function action({ request }: ActionFunctionArgs) {
  const current = getCurrentSession(request);
  if (current) invalidateSession(current.session.id);
  return redirectWithFlash("/", { key: "login.loggedOut" }, { headers: { "Set-Cookie": clearSessionCookie() } });
}

// Logging out changes state, so it is never done by a GET.
export async function loader() {
  return redirect("/");
}
