import type { FieldMetadata } from "@conform-to/react";
import { useEffect, useRef, useState } from "react";
import { Field } from "#app/components/ui/forms.tsx";

/** Milliseconds of typing pause before asking for suggestions. */
const SUGGEST_DELAY_MS = 200;

/**
 * A text field for an approved organisation's name. The server resolves the name (case and
 * accents ignored), so it works without JavaScript; with it, a datalist offers the names of
 * approved organisations matching what has been typed (GET /organisations/names.json). Replaces
 * a select of every organisation, whose size grew with the directory (issue 9).
 */
export function OrganisationNameField({ meta, label, description }: { meta: FieldMetadata<string | undefined>; label: string; description: string }) {
  const [names, setNames] = useState<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const pending = useRef<AbortController>();
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      pending.current?.abort();
    },
    [],
  );
  // The answer of GET /organisations/names.json (app/routes/organisations.names[.]json.ts); a
  // newer keystroke cancels the older request, and a failure just leaves the list as it was.
  const suggest = (typed: string) => {
    pending.current?.abort();
    const controller = (pending.current = new AbortController());
    fetch(`/organisations/names.json?q=${encodeURIComponent(typed)}`, { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<{ names: string[] }>) : null))
      .then((answer) => answer && setNames(answer.names))
      .catch(() => undefined);
  };
  const listId = `${meta.id}-suggestions`;
  return (
    <>
      <Field
        meta={meta}
        label={label}
        description={description}
        autoComplete="off"
        extra={{
          list: listId,
          maxLength: 200,
          onInput: (event) => {
            const typed = event.currentTarget.value.trim();
            clearTimeout(timer.current);
            if (typed.length >= 2) timer.current = setTimeout(() => suggest(typed), SUGGEST_DELAY_MS);
          },
        }}
      />
      <datalist id={listId}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
