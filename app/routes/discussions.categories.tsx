import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useFormAction, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "#app/.server/auth/index.ts";
import { archiveCategory, createCategory, listAllCategories, updateCategory } from "#app/.server/discussions/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { issueFormToken, submitOnce } from "#app/.server/form-token.ts";
import { readForm } from "#app/.server/forms.ts";
import { getLocale } from "#app/.server/i18n.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FormToken } from "#app/components/form-token.tsx";
import { Field, FormErrors, PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { refusalAnswer } from "#app/features/discussions/actions.server.ts";
import { categoryHref } from "#app/features/discussions/links.ts";
import { CATEGORY_DESCRIPTION_MAX, CATEGORY_NAME_MAX, CategorySchema } from "#app/features/discussions/schemas.ts";
import { badRequest } from "#app/utils/http-errors.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "disc.categories.manage");

const MODERATORS = ["coordinator", "admin"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, MODERATORS);
  return {
    categories: listAllCategories().map((c) => ({
      id: c.id,
      slug: c.slug,
      nameEs: c.nameEs,
      nameEn: c.nameEn,
      descriptionEs: c.descriptionEs,
      descriptionEn: c.descriptionEn,
      position: c.position,
      coordinatorsOnly: c.coordinatorsOnly,
      archived: c.archivedAt !== null,
      threadCount: c.threadCount,
    })),
    formToken: issueFormToken(),
  };
}

type Reply = { intent: string; id?: number; result: SubmissionResult<string[]> };

const IdSchema = z.coerce.number().int().positive();

export async function action({ request }: ActionFunctionArgs) {
  const user = requireRole(request, MODERATORS);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const locale = getLocale(request);
  const here = "/discussions/categories";
  if (intent === "archive" || intent === "unarchive") {
    const id = IdSchema.safeParse(form.get("id"));
    if (!id.success) throw badRequest();
    const result = archiveCategory(user, id.data, intent === "archive");
    if (!result.ok) {
      const answer = refusalAnswer(result, locale);
      throw new Response(answer.message, { status: answer.status });
    }
    return redirectWithFlash(here, { key: intent === "archive" ? "disc.categories.archived" : "disc.categories.unarchived" });
  }
  const submission = parseWithZod(form, { schema: CategorySchema });
  if (intent === "create") {
    const once = submitOnce(form, { userId: user.id, form: "discussion-category" });
    if (submission.status !== "success") return data({ intent, result: submission.reply() } satisfies Reply, { status: 400 });
    const result = once.write(() => createCategory(user, submission.value), { redirectTo: here, flash: { key: "disc.categories.created" } });
    if (!result.ok) {
      const answer = refusalAnswer(result, locale);
      return data({ intent, result: submission.reply({ formErrors: [answer.message] }) } satisfies Reply, { status: answer.status });
    }
    return once.respond();
  }
  if (intent === "update") {
    const id = IdSchema.safeParse(form.get("id"));
    if (!id.success) throw badRequest();
    if (submission.status !== "success") return data({ intent, id: id.data, result: submission.reply() } satisfies Reply, { status: 400 });
    const result = updateCategory(user, id.data, submission.value);
    if (!result.ok) {
      const answer = refusalAnswer(result, locale);
      return data({ intent, id: id.data, result: submission.reply({ formErrors: [answer.message] }) } satisfies Reply, { status: answer.status });
    }
    return redirectWithFlash(here, { key: "disc.categories.saved" });
  }
  throw badRequest();
}

export default function CategoriesPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as Reply | undefined;
  const t = useT();
  return (
    <div className="space-y-6">
      <nav aria-label={t("disc.breadcrumb")}>
        <Link to="/discussions">{t("nav.discussions")}</Link>
      </nav>
      <PageTitle lead={t("disc.categories.lead")}>{t("disc.categories.manage")}</PageTitle>
      <ul className="space-y-4">
        {d.categories.map((c) => (
          <li key={c.id} className={`card ${c.archived ? "border-dashed opacity-90" : ""}`}>
            <h2 className="mb-2 text-lg font-bold">
              <Link to={categoryHref(c.slug)}>{c.nameEs}</Link>
              <span className="ml-2 text-sm font-normal text-stone-700">
                {t.count("disc.threads", c.threadCount)}
                {c.archived ? ` · ${t("disc.categories.isArchived")}` : ""}
              </span>
            </h2>
            <CategoryForm
              id={`category-${c.id}`}
              intent="update"
              category={c}
              reply={actionData?.intent === "update" && actionData.id === c.id ? actionData.result : undefined}
            />
            <Form method="post" className="mt-2">
              <input type="hidden" name="id" value={c.id} />
              <SubmitButton name="intent" value={c.archived ? "unarchive" : "archive"} className="btn-secondary" pendingLabel={t("form.saving")}>
                {c.archived ? t("disc.categories.unarchive") : t("disc.categories.archive")}
              </SubmitButton>
            </Form>
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-category" className="card">
        <h2 id="new-category" className="mb-3 text-xl font-bold">
          {t("disc.categories.new")}
        </h2>
        <CategoryForm key={d.formToken} id="category-new" intent="create" formToken={d.formToken} reply={actionData?.intent === "create" ? actionData.result : undefined} />
      </section>
    </div>
  );
}

type CategoryValues = { id: number; nameEs: string; nameEn: string; descriptionEs: string; descriptionEn: string; position: number; coordinatorsOnly: boolean };

/** A category's names, descriptions, order and "coordinators only", to create or to edit. */
function CategoryForm({
  id,
  intent,
  category,
  formToken,
  reply,
}: {
  id: string;
  intent: "create" | "update";
  category?: CategoryValues;
  formToken?: string;
  reply?: SubmissionResult<string[]>;
}) {
  const t = useT();
  const formAction = useFormAction();
  const [form, fields] = useForm({
    id,
    lastResult: reply,
    defaultValue: category
      ? { ...category, position: String(category.position), coordinatorsOnly: category.coordinatorsOnly ? "on" : undefined }
      : { position: "0" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CategorySchema }),
  });
  const { key, ...checkbox } = getInputProps(fields.coordinatorsOnly, { type: "checkbox" });
  return (
    <Form method="post" {...getFormProps(form)} action={`${formAction}#${id}`} autoComplete="off">
      {formToken ? <FormToken value={formToken} /> : null}
      {category ? <input type="hidden" name="id" value={category.id} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field meta={fields.nameEs} label={t("disc.categories.nameEs")} extra={{ maxLength: CATEGORY_NAME_MAX }} />
        <Field meta={fields.nameEn} label={t("disc.categories.nameEn")} extra={{ maxLength: CATEGORY_NAME_MAX }} />
        <Field meta={fields.descriptionEs} label={t("disc.categories.descriptionEs")} extra={{ maxLength: CATEGORY_DESCRIPTION_MAX }} />
        <Field meta={fields.descriptionEn} label={t("disc.categories.descriptionEn")} extra={{ maxLength: CATEGORY_DESCRIPTION_MAX }} />
        <Field meta={fields.position} label={t("disc.categories.position")} type="number" />
        <div className="mb-4 flex items-center gap-2 sm:mt-7">
          <input key={key} {...checkbox} className="h-5 w-5" />
          <label htmlFor={fields.coordinatorsOnly.id}>{t("disc.categories.coordinatorsOnly")}</label>
        </div>
      </div>
      <SubmitButton name="intent" value={intent} pendingLabel={t("form.saving")}>
        {intent === "create" ? t("disc.categories.create") : t("disc.categories.save")}
      </SubmitButton>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
