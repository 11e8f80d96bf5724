import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { readForm } from "#app/.server/forms.ts";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listUsers, requireRole, setUserRole } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { redirectPastLastPage } from "#app/.server/pagination.ts";
import { PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { formatDate, translate } from "#app/i18n.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { PLATFORM_ROLES } from "#app/features/auth/roles.ts";
import { useLocale, useT, useTranslateError } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { notFound } from "#app/utils/http-errors.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "admin.users.title");

const SearchSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const RoleSchema = z.object({ userId: z.coerce.number().int().positive(), role: z.enum(PLATFORM_ROLES) });

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = requireRole(request, ["admin"]);
  const url = new URL(request.url);
  const { q, page } = SearchSchema.parse(Object.fromEntries(url.searchParams));
  const result = listUsers({ query: q || undefined, page });
  redirectPastLastPage(request, result.pages);
  return {
    q: q ?? "",
    page,
    adminId: admin.id,
    pages: result.pages,
    users: result.rows.map((u) => ({ ...u, createdAt: u.createdAt.getTime() })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireRole(request, ["admin"]);
  const locale = getLocale(request);
  const parsed = RoleSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ error: "errors.invalidOption" }, { status: 400 });
  const result = setUserRole(admin.id, parsed.data.userId, parsed.data.role);
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    return data({ error: "admin.users.notSelf" }, { status: 403 });
  }
  const back = new URL(request.url);
  return redirectWithFlash(`/admin/users${back.search}`, {
    key: "admin.users.saved",
    vars: { email: result.email, role: translate(locale, `roles.${parsed.data.role}`) },
  });
}

export default function AdminUsersPage() {
  const { users, q, page, pages, adminId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const translateError = useTranslateError();
  const pageLink = (n: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
  return (
    <div>
      <PageTitle lead={t("admin.users.lead")}>{t("admin.users.title")}</PageTitle>
      {actionData?.error ? (
        <p role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {translateError(actionData.error)}
        </p>
      ) : null}
      <Form method="get" className="mb-6 flex flex-wrap items-end gap-3" role="search">
        <div className="min-w-64 flex-1">
          <label htmlFor="user-search" className="mb-1 block font-semibold">
            {t("admin.users.search")}
          </label>
          <input id="user-search" name="q" type="search" defaultValue={q} className="input" />
        </div>
        <button type="submit" className="btn-secondary">
          {t("admin.users.searchSubmit")}
        </button>
      </Form>
      {users.length === 0 ? (
        <p>{t("admin.users.empty")}</p>
      ) : (
        // Scrolls within its box on phones, with edge shadows as the cue; focusable for keyboards.
        <div className="scroll-cue rounded-md border border-stone-200" role="region" aria-label={t("admin.users.title")} tabIndex={0}>
          <table className="w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-3">{t("admin.users.name")}</th>
                <th scope="col" className="p-3">{t("admin.users.email")}</th>
                <th scope="col" className="p-3">{t("admin.users.joined")}</th>
                <th scope="col" className="p-3">{t("admin.users.role")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} className="border-b border-stone-200 align-top">
                  <td className="p-3">{user.name}</td>
                  <td className="p-3 break-all">{user.email}</td>
                  <td className="p-3 whitespace-nowrap">{formatDate(locale, user.createdAt)}</td>
                  <td className="p-3">
                    {user.id === adminId ? (
                      t(`roles.${user.role}`)
                    ) : (
                      <Form method="post" className="flex flex-wrap gap-2">
                        <input type="hidden" name="userId" value={user.id} />
                        <select
                          name="role"
                          defaultValue={user.role}
                          aria-label={t("admin.users.roleFor", { name: user.name })}
                          className="input w-auto"
                        >
                          {PLATFORM_ROLES.map((role) => (
                            <option key={role} value={role}>
                              {t(`roles.${role}`)}
                            </option>
                          ))}
                        </select>
                        <SubmitButton className="btn-secondary" pendingLabel={t("form.saving")}>
                          {t("admin.users.save")}
                        </SubmitButton>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t("pagination.label")} className="mt-6 flex items-center gap-4">
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("pagination.previous")}</Link> : null}
          <span>{t("pagination.page", { page, pages })}</span>
          {page < pages ? <Link to={pageLink(page + 1)}>{t("pagination.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
