import { getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useFormAction } from "@remix-run/react";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { FormToken } from "#app/components/form-token.tsx";
import { ErrorList, Field, FormErrors, SelectField, SubmitButton } from "#app/components/ui/forms.tsx";
import { useT } from "#app/utils/i18n.tsx";
import { EditPostSchema, ReplySchema, ThreadSchema } from "./schemas.ts";
import { POST_BODY_MAX, THREAD_TITLE_MAX } from "./taxonomy.ts";

// The forms that write posts: a new thread, a reply, an edit. Each works as a plain form; with
// JavaScript the body gets @mention suggestions (a listbox under the textarea, fed by
// /discussions/mentions.json) and Conform checks the fields before sending.

type Person = { handle: string; name: string };

/** The "@prefix" being typed right before the caret, if any, and where its "@" is. */
function mentionBeforeCaret(textarea: HTMLTextAreaElement) {
  const caret = textarea.selectionStart;
  if (caret !== textarea.selectionEnd) return null;
  const match = textarea.value.slice(0, caret).match(/(?:^|[\s([{"'])@([\p{L}\p{N}_-]{1,40})$/u);
  return match ? { prefix: match[1]!, start: caret - match[1]!.length - 1 } : null;
}

/**
 * A post's markdown textarea with its label, a hint (markdown, mentions, code of conduct) and its
 * errors. With JavaScript, typing "@ma" offers matching people: ↑/↓ choose, Enter or Tab insert
 * "@handle", Escape closes; without it, a typed @handle works the same.
 */
export function PostBodyField({ meta, label, rows = 6 }: { meta: FieldMetadata<string | undefined>; label: string; rows?: number }) {
  const t = useT();
  const listId = useId();
  const hintId = `${meta.id}-hint`;
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const pending = useRef<{ start: number; timer?: ReturnType<typeof setTimeout>; controller?: AbortController }>({ start: -1 });
  const [people, setPeople] = useState<Person[]>([]);
  const [active, setActive] = useState(0);
  const invalid = Boolean(meta.errors?.length);
  const { key, ...props } = getTextareaProps(meta, { ariaAttributes: false });

  const close = () => {
    clearTimeout(pending.current.timer);
    pending.current.controller?.abort();
    setPeople([]);
  };

  const onInput = () => {
    const el = textarea.current;
    const typed = el ? mentionBeforeCaret(el) : null;
    clearTimeout(pending.current.timer);
    pending.current.controller?.abort();
    if (!typed) {
      setPeople([]);
      return;
    }
    pending.current.start = typed.start;
    pending.current.timer = setTimeout(() => {
      const controller = new AbortController();
      pending.current.controller = controller;
      fetch(`/discussions/mentions.json?q=${encodeURIComponent(typed.prefix)}`, { signal: controller.signal })
        .then((answer) => (answer.ok ? (answer.json() as Promise<{ people: Person[] }>) : { people: [] }))
        .then((found) => {
          setPeople(found.people);
          setActive(0);
        })
        .catch(() => undefined);
    }, 150);
  };

  const choose = (person: Person) => {
    const el = textarea.current;
    if (!el) return;
    const { start } = pending.current;
    const caret = el.selectionStart;
    const inserted = `@${person.handle} `;
    el.value = el.value.slice(0, start) + inserted + el.value.slice(caret);
    const at = start + inserted.length;
    el.focus();
    el.setSelectionRange(at, at);
    close();
    // Conform listens to input events for its validation.
    el.dispatchEvent(new Event("input", { bubbles: true }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (people.length === 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + people.length) % people.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      choose(people[active]!);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  };

  const open = people.length > 0;
  return (
    <div className="mb-4">
      <label htmlFor={meta.id} className="mb-1 block font-semibold">
        {label}
      </label>
      <div className="relative">
        <textarea
          key={key}
          {...props}
          ref={textarea}
          rows={rows}
          maxLength={POST_BODY_MAX}
          className="input"
          onInput={onInput}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(close, 150)}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={[hintId, invalid ? meta.errorId : ""].filter(Boolean).join(" ")}
        />
        {open ? (
          <ul id={listId} role="listbox" aria-label={t("disc.mention.label")} className="absolute left-0 right-0 z-10 mt-1 max-h-60 overflow-auto rounded-md border border-stone-300 bg-white shadow-lg">
            {people.map((person, i) => (
              <li
                key={person.handle}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={`cursor-pointer px-3 py-2 ${i === active ? "bg-brand-100 text-brand-950" : ""}`}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(person);
                }}
              >
                <span className="font-semibold">@{person.handle}</span> <span className="text-stone-700">{person.name}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <p className="sr-only" aria-live="polite">
        {open ? t.count("disc.mention.found", people.length) : ""}
      </p>
      <p id={hintId} className="mt-1 text-sm text-stone-600">
        {t("disc.editor.hint")} {t("disc.reply.mentionLimit")} <Link to="/discussions/code-of-conduct">{t("disc.coc.link")}</Link>
      </p>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Checks on input after a first submit, as the app's other forms do. */
const conformOptions = { shouldValidate: "onSubmit", shouldRevalidate: "onInput" } as const;

/**
 * Starting a thread: title, body and, for people who write for several organisations, which one.
 * Posts to `action` (the place's page) anchored at the form, so a refusal without JavaScript
 * shows the form with its errors. Remount with `key={formToken}` to empty it after a success.
 */
export function NewThreadForm({
  action,
  formToken,
  organisations,
  reply,
  heading,
}: {
  action: string;
  formToken: string;
  organisations: Array<{ id: number; name: string }>;
  reply?: SubmissionResult<string[]>;
  heading?: string;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: "new-thread",
    lastResult: reply,
    defaultValue: { organisationId: organisations.length === 1 ? String(organisations[0]!.id) : "" },
    ...conformOptions,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ThreadSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} action={`${action}#${form.id}`} className="card space-y-1" autoComplete="off">
      <h2 className="mb-3 text-xl font-bold">{heading ?? t("disc.thread.new")}</h2>
      <FormToken value={formToken} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field meta={fields.title} label={t("disc.thread.title")} extra={{ maxLength: THREAD_TITLE_MAX }} />
      <OrganisationChoice meta={fields.organisationId} organisations={organisations} />
      <PostBodyField meta={fields.body} label={t("disc.thread.body")} rows={8} />
      <input type="hidden" name="intent" value="thread" />
      <SubmitButton pendingLabel={t("form.sending")}>{t("disc.thread.submit")}</SubmitButton>
    </Form>
  );
}

/** Which organisation a thread is written for: a choice only for people with several. */
function OrganisationChoice({ meta, organisations }: { meta: FieldMetadata<unknown, Record<string, unknown>, string[]>; organisations: Array<{ id: number; name: string }> }) {
  const t = useT();
  if (organisations.length === 0) return null;
  if (organisations.length === 1) return <input type="hidden" name={meta.name} value={organisations[0]!.id} />;
  const options = [{ value: "", label: t("disc.thread.noOrganisation") }, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))];
  // The schema preprocesses the id (its input type is unknown); the select sends a string like any other.
  return <SelectField meta={meta as FieldMetadata<string | undefined>} label={t("disc.thread.organisation")} options={options} />;
}

/**
 * The reply box at the bottom of a thread (`#reply`). `quote` pre-fills it (the no-JavaScript
 * quote link `?quote=<postId>#reply`); with JavaScript the quote buttons fill it in place.
 */
export function ReplyForm({
  formToken,
  reply,
  quote,
}: {
  formToken: string;
  reply?: SubmissionResult<string[]>;
  quote?: { postId: number; markdown: string } | null;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: "reply",
    lastResult: reply,
    defaultValue: quote ? { body: quote.markdown, quotedPostId: String(quote.postId) } : undefined,
    ...conformOptions,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
  });
  const formAction = useFormAction();
  const { key, ...quotedProps } = getInputProps(fields.quotedPostId, { type: "hidden" });
  return (
    <Form method="post" {...getFormProps(form)} action={`${formAction}#${form.id}`} className="card" autoComplete="off" data-reply-form>
      <h2 className="mb-3 text-xl font-bold">{t("disc.reply.title")}</h2>
      <FormToken value={formToken} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <input key={key} {...quotedProps} data-quoted-post />
      <PostBodyField meta={fields.body} label={t("disc.reply.body")} />
      <input type="hidden" name="intent" value="reply" />
      <SubmitButton pendingLabel={t("form.sending")}>{t("disc.reply.submit")}</SubmitButton>
    </Form>
  );
}

/** Editing one's own post in place (`?edit=<postId>`), with a way back. */
export function EditPostForm({ postId, body, cancelHref, reply }: { postId: number; body: string; cancelHref: string; reply?: SubmissionResult<string[]> }) {
  const t = useT();
  const [form, fields] = useForm({
    id: `edit-post-${postId}`,
    lastResult: reply,
    defaultValue: { postId: String(postId), body },
    ...conformOptions,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditPostSchema }),
  });
  const formAction = useFormAction();
  return (
    <Form method="post" {...getFormProps(form)} action={`${formAction}#${form.id}`} autoComplete="off">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="postId" value={postId} />
      <PostBodyField meta={fields.body} label={t("disc.edit.body")} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton name="intent" value="edit" pendingLabel={t("form.saving")}>
          {t("disc.edit.submit")}
        </SubmitButton>
        <Link to={cancelHref}>{t("disc.edit.cancel")}</Link>
      </div>
    </Form>
  );
}

/**
 * What a refused form's answer keeps (`lastResult` of a 403/409/429): its messages and the typed
 * `field` ("body", or "title" too), or null when it kept nothing.
 */
export function keptInput(result: SubmissionResult<string[]> | undefined, fields: string[] = ["body"]) {
  const initial = (result?.initialValue ?? {}) as Record<string, unknown>;
  const texts = fields.map((name) => (typeof initial[name] === "string" ? (initial[name] as string) : "")).filter((text) => text.trim());
  if (!result || texts.length === 0) return null;
  const errors = Object.values(result.error ?? {}).flatMap((list) => list ?? []);
  return { errors, text: texts.join("\n\n") };
}

/**
 * A refused post whose form is no longer offered (the thread was locked meanwhile, the person
 * suspended): the message, and what they typed in a read-only box to copy, so nothing is lost.
 */
export function RefusedPost({ id, result, fields }: { id: string; result?: SubmissionResult<string[]>; fields?: string[] }) {
  const t = useT();
  const kept = keptInput(result, fields);
  if (!kept) return null;
  return (
    <div id={id} className="card space-y-2">
      <FormErrors errors={kept.errors.length ? kept.errors : undefined} />
      <label htmlFor={`${id}-text`} className="block font-semibold">
        {t("disc.kept.label")}
      </label>
      <p id={`${id}-hint`} className="text-sm text-stone-600">
        {t("disc.kept.hint")}
      </p>
      <textarea id={`${id}-text`} readOnly rows={6} className="input" value={kept.text} aria-describedby={`${id}-hint`} />
    </div>
  );
}
