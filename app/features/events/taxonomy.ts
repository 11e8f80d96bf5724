// Vocabularies of events. Codes are stored; labels come from the dictionaries.
export const EVENT_TYPES = ["forum", "pairing", "business_mission", "technology_transfer", "training", "webinar", "other"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_FORMATS = ["in_person", "online", "hybrid"] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

export const EVENT_STATUSES = ["draft", "published", "cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const REGISTRATION_STATUSES = ["confirmed", "waitlisted", "cancelled", "attended"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Up to this many optional questions per event (dietary needs, accessibility needs…). */
export const MAX_QUESTIONS = 5;
