import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "#app/.server/auth/index.ts";
import { createEvent } from "#app/.server/events/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm, replyWithErrors } from "#app/.server/forms.ts";
import { organisationsByStatus } from "#app/.server/organisations/index.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { EventForm } from "#app/features/events/event-form.tsx";
import { EventSchema } from "#app/features/events/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "ev.new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, ["coordinator", "admin"]);
  return { organisations: organisationsByStatus(["approved"]).map((o) => ({ id: o.id, name: o.name })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const coordinator = requireRole(request, ["coordinator", "admin"]);
  const submission = parseWithZod(await readForm(request), { schema: EventSchema });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const event = createEvent(coordinator.id, submission.value);
  return redirectWithFlash(`/events/${event.slug}/edit`, { key: "ev.new.saved" });
}

export default function NewEventPage() {
  const { organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle>{t("ev.new.title")}</PageTitle>
      <EventForm id="new-event" lastResult={actionData?.result} organisations={organisations} defaultValue={{ format: "in_person" }} submitLabel={t("ev.new.submit")} />
    </div>
  );
}
