import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "#app/.server/auth/index.ts";
import { addNamedOrganisers, createEvent, unknownOrganisersMessage } from "#app/.server/events/index.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { readForm, replyWithErrors } from "#app/.server/forms.ts";
import { PageTitle } from "#app/components/ui/forms.tsx";
import { EventForm } from "#app/features/events/event-form.tsx";
import { EventSchema } from "#app/features/events/schemas.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "ev.new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, ["coordinator", "admin"]);
  return { formToken: issueFormToken() };
}

export async function action({ request }: ActionFunctionArgs) {
  const coordinator = requireRole(request, ["coordinator", "admin"]);
  const form = await readForm(request);
  const once = submitOnce(form, { userId: coordinator.id, form: "event-creation" });
  const unknownOrganisers = addNamedOrganisers(form);
  const submission = parseWithZod(form, { schema: EventSchema });
  if (unknownOrganisers.length) return replyWithErrors(submission, 400, { fieldErrors: { organiserNames: [unknownOrganisersMessage(request, unknownOrganisers)] } });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  const input = submission.value;
  once.write(
    () => createEvent(coordinator.id, input),
    (event) => ({ redirectTo: `/events/${event.slug}/edit`, flash: { key: "ev.new.saved" } }),
  );
  return once.respond();
}

export default function NewEventPage() {
  const { formToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle>{t("ev.new.title")}</PageTitle>
      <EventForm id="new-event" formToken={formToken} lastResult={actionData?.result} organisations={[]} defaultValue={{ format: "in_person" }} submitLabel={t("ev.new.submit")} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
