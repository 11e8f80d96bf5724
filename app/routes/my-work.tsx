import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { unreadFollowedThreads } from "#app/.server/discussions/index.ts";
import { upcomingRegistrationsOf } from "#app/.server/events/index.ts";
import { myConversations, myListingsWithMatches } from "#app/.server/exchange/index.ts";
import { myWork } from "#app/.server/initiatives/index.ts";
import { organisationsAwaitingPact } from "#app/.server/organisations/index.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { RegistrationList, UnreadThreadList } from "#app/features/home/dashboard-lists.tsx";
import { MyConversationsSection } from "#app/features/exchange/conversations-section.tsx";
import { MyListingsSection } from "#app/features/exchange/matches-section.tsx";
import { initiativeStatusLabel, partnerRoleLabel } from "#app/features/initiatives/labels.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "mywork.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return {
    ...myWork(user.id),
    awaitingPact: organisationsAwaitingPact(user.id),
    // All of what the home dashboard shows the first five of.
    registrations: upcomingRegistrationsOf(user.id),
    unreadThreads: unreadFollowedThreads(user.id),
    // The resource exchange: their organisations' listings with matches, and their conversations.
    exchangeListings: myListingsWithMatches(user.id),
    exchangeConversations: myConversations(user.id),
  };
}

export default function MyWorkPage() {
  const { initiatives, requests, invitations, awaitingPact, registrations, unreadThreads, exchangeListings, exchangeConversations } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle>{t("mywork.title")}</PageTitle>
        <Link to="/initiatives/new" className="btn-primary">
          {t("ini.list.propose")}
        </Link>
      </div>
      {awaitingPact.length > 0 ? (
        <section aria-labelledby="next-steps-heading">
          <h2 id="next-steps-heading" className="mb-2 text-xl font-bold">
            {t("org.profile.nextPactTitle")}
          </h2>
          <ul className="space-y-2">
            {awaitingPact.map((org) => (
              <li key={org.slug} className="card">
                <p>{t(org.role === "owner" ? "org.profile.nextPactBody" : "org.profile.nextPactOwnersOnly", { org: org.name })}</p>
                <p className="mt-2">
                  {org.role === "owner" ? (
                    <Link to={`/organisations/${org.slug}/pact`} className="btn-primary">
                      {t("org.profile.nextPactAction")}
                    </Link>
                  ) : (
                    <Link to={`/organisations/${org.slug}`}>{org.name}</Link>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading" className="mb-2 text-xl font-bold">
          {t("mywork.requests")}
        </h2>
        {requests.length === 0 ? <p>{t("mywork.none")}</p> : null}
        <ul className="space-y-2">
          {requests.map((r) => (
            <li key={r.partnerId} className="card">
              <Link to={`/initiatives/${r.slug}`} className="font-semibold">
                {r.title}
              </Link>
              <p>{t("mywork.wants", { org: r.organisation, role: partnerRoleLabel(t, r.role) })}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading" className="mb-2 text-xl font-bold">
          {t("mywork.invitations")}
        </h2>
        {invitations.length === 0 ? <p>{t("mywork.none")}</p> : null}
        <ul className="space-y-2">
          {invitations.map((r) => (
            <li key={r.partnerId} className="card">
              <Link to={`/initiatives/${r.slug}`} className="font-semibold">
                {r.title}
              </Link>
              <p>{t("mywork.invitedAs", { org: r.organisation, role: partnerRoleLabel(t, r.role) })}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading" className="mb-2 text-xl font-bold">
          {t("mywork.initiatives")}
        </h2>
        {initiatives.length === 0 ? <p>{t("mywork.empty")}</p> : null}
        <ul className="space-y-2">
          {initiatives.map((row, index) => (
            <li key={`${row.slug}-${index}`}>
              <Link to={`/initiatives/${row.slug}`}>{row.title}</Link> · {initiativeStatusLabel(t, row.status)} ·{" "}
              {row.relation === "lead" ? t("mywork.relationLead", { org: row.organisation }) : t("mywork.relationPartner", { org: row.organisation })}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="my-registrations">
        <h2 id="my-registrations" className="mb-2 text-xl font-bold">
          {t("home.dash.registrations")}
        </h2>
        <RegistrationList rows={registrations} empty={t("home.dash.noRegistrations")} />
      </section>
      <section aria-labelledby="my-unread">
        <h2 id="my-unread" className="mb-2 text-xl font-bold">
          {t("home.dash.unread")}
        </h2>
        <UnreadThreadList rows={unreadThreads} empty={t("home.dash.noUnread")} />
      </section>
      <MyListingsSection listings={exchangeListings} />
      <MyConversationsSection conversations={exchangeConversations} />
    </div>
  );
}
