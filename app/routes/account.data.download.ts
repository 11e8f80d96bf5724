import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { hitRateLimit, RATE_LIMITS, requireUser } from "#app/.server/auth/index.ts";
import { attachmentHeader } from "#app/.server/downloads.ts";
import { rateLimitMessage, readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { exportPersonalData } from "#app/.server/privacy/index.ts";
import { badRequest } from "#app/utils/http-errors.ts";

// The download of one's data (issue 13, the right of access), a resource route: a POST from
// /account/data (it is logged, so never a GET), answered with the file itself. `format` is
// "json" or "html"; anything else is 400; more than 10 an hour per person, 429.
export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const format = (await readForm(request)).get("format");
  if (format !== "json" && format !== "html") throw badRequest();
  const limited = hitRateLimit(RATE_LIMITS.dataExportPerAccount, String(user.id));
  if (!limited.ok) {
    return new Response(rateLimitMessage(getLocale(request), limited.retryAfterSeconds), {
      status: 429,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(limited.retryAfterSeconds) },
    });
  }
  const file = exportPersonalData(user.id, format, getLocale(request));
  if (!file) throw badRequest();
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentHeader(file.filename.replace(/\.(json|html)$/, ""), format),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

// A GET (a bookmarked or reloaded address) goes to the page with the buttons.
export async function loader() {
  return redirect("/account/data");
}
