import { and, eq, isNull } from "drizzle-orm";
import { nameKey } from "../app/.server/names.ts";
import { DEMO_ORGANISATIONS } from "../tests/factories/organisations.ts";
import type { AppDatabase } from "./connection.ts";
import { users } from "./schema/auth.ts";
import {
  organisationMembers,
  organisationRegions,
  organisationRoadmaps,
  organisations,
  organisationValueChains,
  pactSignatures,
} from "./schema/organisations.ts";

/** Demo organisations, their owners and historical Pact signatures. Safe to run again. */
export function seedOrganisations(db: AppDatabase) {
  const admin = db.select({ id: users.id }).from(users).where(eq(users.email, "admin@demo.pe")).get();
  db.transaction(
    (tx) => {
      for (const [index, demo] of DEMO_ORGANISATIONS.entries()) {
        const status = demo.status ?? "approved";
        const values = {
          slug: demo.slug,
          name: demo.name,
          nameKey: nameKey(demo.name),
          acronym: demo.acronym ?? null,
          ruc: demo.ruc ?? null,
          actorType: demo.actorType,
          companySize: demo.companySize ?? null,
          hqRegion: demo.hqRegion,
          description: demo.description,
          website: demo.website ?? null,
          status,
          approvedAt: status === "approved" ? demoApprovedAt(index, demo.pactSignedOn) : null,
        };
        const row = tx
          .insert(organisations)
          .values(values)
          .onConflictDoUpdate({ target: organisations.slug, set: values })
          .returning({ id: organisations.id })
          .get();
        const organisationId = row.id;
        tx.delete(organisationRegions).where(eq(organisationRegions.organisationId, organisationId)).run();
        tx.delete(organisationRoadmaps).where(eq(organisationRoadmaps.organisationId, organisationId)).run();
        tx.delete(organisationValueChains).where(eq(organisationValueChains.organisationId, organisationId)).run();
        for (const region of demo.operatingRegions) tx.insert(organisationRegions).values({ organisationId, region }).run();
        for (const roadmap of demo.roadmaps) tx.insert(organisationRoadmaps).values({ organisationId, roadmap }).run();
        for (const valueChain of demo.valueChains) tx.insert(organisationValueChains).values({ organisationId, valueChain }).run();
        if (demo.owner) {
          const owner = tx.select({ id: users.id }).from(users).where(eq(users.email, demo.owner)).get();
          if (owner)
            tx.insert(organisationMembers).values({ organisationId, userId: owner.id, role: "owner" }).onConflictDoNothing().run();
        }
        if (demo.pactSignedOn && demo.signer) {
          const active = tx
            .select({ id: pactSignatures.id })
            .from(pactSignatures)
            .where(and(eq(pactSignatures.organisationId, organisationId), isNull(pactSignatures.withdrawnAt)))
            .get();
          if (!active) {
            tx.insert(pactSignatures)
              .values({
                organisationId,
                signerName: demo.signer[0],
                signerPosition: demo.signer[1],
                signedAt: new Date(`${demo.pactSignedOn}T00:00:00-05:00`),
                recordedBy: admin?.id ?? null,
              })
              .run();
          }
        }
      }
    },
    { behavior: "immediate" },
  );
  return DEMO_ORGANISATIONS.length;
}

/**
 * When a demo organisation became a member (UTC), so the progress dashboard's members over time
 * has a history: the Pact's signatories joined the month before they signed it; the others one
 * every few months from mid-2021 (the n-th demo organisation, 4 months apart from the previous).
 */
function demoApprovedAt(index: number, pactSignedOn: string | undefined): Date {
  if (pactSignedOn) {
    const signed = new Date(`${pactSignedOn}T15:00:00Z`);
    return new Date(Date.UTC(signed.getUTCFullYear(), signed.getUTCMonth() - 1, 15, 15));
  }
  return new Date(Date.UTC(2021, 5 + 4 * index, 10, 15));
}
