// The supported languages; Spanish first because it is the default. Shared by the database schema
// (a user's preferred language) and the i18n layer.
export const LOCALES = ["es", "en"] as const;
export type Locale = (typeof LOCALES)[number];
