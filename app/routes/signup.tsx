import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  clientIp,
  hitRateLimit,
  RATE_LIMITS,
  requireAnonymous,
  signUp,
  withCommonPasswordCheck,
} from "#app/.server/auth/index.ts";
import { replyRateLimited, replyWithErrors, readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { OutboxHint } from "#app/components/outbox-hint.tsx";
import { Field, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { SignupSchema } from "#app/features/auth/schemas.ts";
import { ConsentCheckbox } from "#app/features/privacy/consent-checkbox.tsx";
import { useT } from "#app/utils/i18n.tsx";
import { keyedPageMeta } from "#app/utils/meta.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { forwardRouteHeaders } from "#app/utils/route-headers.ts";

export const meta: MetaFunction = (args) => keyedPageMeta(args, "signup.title", "meta.signup");

// Keeps Retry-After on 429 answers (Remix drops action headers without a `headers` export).
export const headers = forwardRouteHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  requireAnonymous(request);
  return { sent: new URL(request.url).searchParams.get("sent") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(request);
  const locale = getLocale(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: withCommonPasswordCheck(SignupSchema, "password") });
  const hideFields = ["password"];
  if (submission.status !== "success") return replyWithErrors(submission, 400, { hideFields });

  const limit = hitRateLimit(RATE_LIMITS.signupPerIp, clientIp(request, context));
  if (!limit.ok) return replyRateLimited(submission, locale, limit.retryAfterSeconds, hideFields);

  // A new address gets a confirmation link, a registered one a note to its owner; the answer is
  // the same either way, so sign-up tells nobody which addresses have accounts.
  await signUp({ ...submission.value, locale, next: safeRedirect(submission.value.redirectTo, "/") });
  return redirect("/signup?sent=1", 303);
}

export default function SignupPage() {
  const { sent } = useLoaderData<typeof loader>();
  return sent ? <CheckYourEmail /> : <SignupForm />;
}

/** After sending the form: the same page whether or not the address already had an account. */
function CheckYourEmail() {
  const t = useT();
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("signup.sent.title")}</PageTitle>
      <div role="status" className="card">
        <p>{t("signup.sent.body")}</p>
        <p className="mt-2">{t("signup.sent.next")}</p>
        <OutboxHint />
      </div>
      <p className="mt-4">
        {t("signup.haveAccount")} <Link to="/login">{t("nav.login")}</Link>
      </p>
    </div>
  );
}

function SignupForm() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const [form, fields] = useForm({
    id: "signup",
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignupSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  });
  return (
    <div className="mx-auto max-w-md">
      <PageTitle lead={t("signup.lead")}>{t("signup.title")}</PageTitle>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field meta={fields.name} label={t("fields.name")} autoComplete="name" />
        <Field meta={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
        <Field
          meta={fields.password}
          label={t("fields.password")}
          type="password"
          autoComplete="new-password"
          description={t("fields.passwordHint")}
        />
        <ConsentCheckbox meta={fields.acceptPrivacy} />
        <SubmitButton pendingLabel={t("form.sending")}>{t("signup.submit")}</SubmitButton>
      </Form>
      <p className="mt-4">
        {t("signup.haveAccount")} <Link to="/login">{t("nav.login")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
