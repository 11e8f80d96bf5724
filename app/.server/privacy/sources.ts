import { authPersonalData } from "#app/.server/auth/personal-data.ts";
import { discussionsPersonalData } from "#app/.server/discussions/personal-data.ts";
import { eventsPersonalData } from "#app/.server/events/personal-data.ts";
import { exchangePersonalData } from "#app/.server/exchange/personal-data.ts";
import { initiativesPersonalData } from "#app/.server/initiatives/personal-data.ts";
import { mailPersonalData } from "#app/.server/mail-queue.ts";
import { notificationsPersonalData } from "#app/.server/notifications/personal-data.ts";
import { organisationsPersonalData } from "#app/.server/organisations/personal-data.ts";
import type { PersonalDataSource } from "#app/.server/personal-data.ts";

/**
 * Every feature's description of the personal data it holds (issue 13), in the order the export
 * lists them and the closure runs them: organisations first (it refuses the closure of an
 * organisation's last owner before anything is written), events before the account's own rows.
 * tests/integration/data-rights.test.ts checks that together they name every column of the schema
 * that references users.id.
 */
export const PERSONAL_DATA_SOURCES: readonly PersonalDataSource[] = [
  organisationsPersonalData,
  authPersonalData,
  initiativesPersonalData,
  eventsPersonalData,
  discussionsPersonalData,
  exchangePersonalData,
  notificationsPersonalData,
  mailPersonalData,
];
