import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm, replyWithErrors } from "#app/.server/forms.ts";
import { notificationPreferences, saveNotificationPreferences } from "#app/.server/notifications/index.ts";
import { ErrorList, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { CHANNELS, FREQUENCIES, PREFERENCE_GROUPS, PreferencesSchema } from "#app/features/notifications/preferences.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "notifications.prefs.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { channels, digestFrequency } = notificationPreferences(user.id);
  return { channel: channels, digestFrequency };
}

/** Saves the whole form; anything outside the offered choices answers 400 with the form's errors. */
export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: PreferencesSchema });
  if (submission.status !== "success") return replyWithErrors(submission, 400);
  saveNotificationPreferences(user.id, { channels: submission.value.channel, digestFrequency: submission.value.digestFrequency });
  return redirectWithFlash("/account/notifications", { key: "notifications.prefs.saved" });
}

export default function NotificationPreferencesPage() {
  const saved = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "notification-preferences",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: saved,
    constraint: getZodConstraint(PreferencesSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PreferencesSchema }),
  });
  const channels = fields.channel.getFieldset();
  return (
    <div className="max-w-2xl">
      <PageTitle lead={t("notifications.prefs.intro")}>{t("notifications.prefs.title")}</PageTitle>
      <Form method="post" {...getFormProps(form)} className="space-y-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        {PREFERENCE_GROUPS.map((group) => {
          const field = channels[group];
          const current = String(field.initialValue ?? saved.channel[group]);
          return (
            <fieldset key={group} className="card" aria-describedby={field.errors ? `${field.id}-hint ${field.errorId}` : `${field.id}-hint`} aria-invalid={field.errors ? true : undefined}>
              <legend className="px-1 font-semibold">{t(`notifications.prefs.group.${group}`)}</legend>
              <p id={`${field.id}-hint`} className="mb-2 text-sm text-stone-700">
                {t(`notifications.prefs.group.${group}Hint`)}
              </p>
              <div className="flex flex-wrap gap-x-6 gap-y-2">
                {CHANNELS.map((channel) => (
                  <label key={channel} className="flex min-h-11 items-center gap-2">
                    <input type="radio" name={field.name} value={channel} defaultChecked={current === channel} />
                    {t(`notifications.prefs.channel.${channel}`)}
                  </label>
                ))}
              </div>
              <ErrorList id={field.errorId} errors={field.errors} />
            </fieldset>
          );
        })}
        <fieldset
          className="card"
          aria-describedby={fields.digestFrequency.errors ? fields.digestFrequency.errorId : undefined}
          aria-invalid={fields.digestFrequency.errors ? true : undefined}
        >
          <legend className="px-1 font-semibold">{t("notifications.prefs.frequency")}</legend>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {FREQUENCIES.map((frequency) => (
              <label key={frequency} className="flex min-h-11 items-center gap-2">
                <input
                  type="radio"
                  name={fields.digestFrequency.name}
                  value={frequency}
                  defaultChecked={String(fields.digestFrequency.initialValue ?? saved.digestFrequency) === frequency}
                />
                {t(`notifications.prefs.frequency.${frequency}`)}
              </label>
            ))}
          </div>
          <ErrorList id={fields.digestFrequency.errorId} errors={fields.digestFrequency.errors} />
        </fieldset>
        <SubmitButton pendingLabel={t("form.saving")}>{t("notifications.prefs.save")}</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
