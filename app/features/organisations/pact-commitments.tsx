import type { MessageKey } from "#app/i18n.ts";
import { useT } from "#app/utils/i18n.tsx";

const COMMITMENTS: MessageKey[] = [
  "pact.commitment1",
  "pact.commitment2",
  "pact.commitment3",
  "pact.commitment4",
  "pact.commitment5",
  "pact.commitment6",
];

export function PactCommitments() {
  const t = useT();
  return (
    <section aria-labelledby="commitments-heading" className="card border-l-4 border-l-brand-600">
      <h2 id="commitments-heading" className="mb-3 text-xl font-bold">
        {t("pact.commitmentsTitle")}
      </h2>
      <ol className="list-decimal space-y-2 pl-6">
        {COMMITMENTS.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ol>
    </section>
  );
}
