import type { openDataEs } from "../es/open-data.ts";

// English messages of the open data page (/open-data, issue 11): the same keys as es/open-data.ts.
export const openDataEn: Record<keyof typeof openDataEs, string> = {
  "openData.title": "Open data",
  "openData.description": "Public JSON API, CSV downloads, calendar and Atom feeds of Perú País Circular: organisations, initiatives, events and discussions.",
  "openData.lead": "The alliance's public data, to reuse in your own tools, maps and reports.",
  "openData.nav": "Open data",

  "openData.api.title": "Read-only API (JSON)",
  "openData.api.intro": "The API answers in JSON with the same data any visitor sees on the site: never drafts, pending organisations, hidden discussions, people's email addresses or private links. No sign-up or key needed.",
  "openData.api.endpoints": "Resources",
  "openData.api.path": "Address",
  "openData.api.what": "What it returns",
  "openData.api.organisations": "Approved member organisations. Filters: q, actor_type, company_size, region, roadmap, value_chain, pact.",
  "openData.api.organisation": "One organisation, with its public contact address.",
  "openData.api.initiatives": "Published initiatives. Filters: q, status, roadmap, approach, region, value_chain, seeks.",
  "openData.api.initiative": "One initiative, with its active partners and indicator totals.",
  "openData.api.events": "Published or cancelled events. Filters: q, type, format, region, when (upcoming or past).",
  "openData.api.event": "One event.",
  "openData.api.threads": "Visible discussion threads. Filters: q, category.",
  "openData.api.thread": "One thread with its first 20 posts.",
  "openData.api.spec": "The full description (OpenAPI 3.1: every parameter, field and error) is at:",

  "openData.example.title": "Example",
  "openData.example.request": "The first two open initiatives of the industry roadmap:",
  "openData.example.response": "Answer (shortened):",

  "openData.paging.title": "Pagination",
  "openData.paging.body": "Lists come in pages of {default} items (up to {max} with ?limit=). Each answer carries next_cursor: pass it as ?cursor= for the next page; it is null on the last one. Items are in order of creation, so new ones appear at the end and none is repeated or lost between pages. Some pages of threads may hold fewer items: follow next_cursor until it is null.",
  "openData.conventions.title": "Format",
  "openData.conventions.body": "Field names are snake_case and do not change within v1. Instants are ISO 8601 in UTC; calendar days are YYYY-MM-DD. List values (regions, roadmaps, types) are stable codes.",
  "openData.errors.title": "Errors",
  "openData.errors.body": "An unknown parameter or a value the API does not take answers 400; an item that does not exist or is not public, 404; methods other than GET, HEAD and OPTIONS, 405. The body is always JSON: { \"error\": { \"code\", \"message\", \"parameter\" } }.",
  "openData.limits.title": "Limits and CORS",
  "openData.limits.body": "Up to {limit} requests a minute per IP address; beyond that the answer is 429 with Retry-After (seconds to wait). The RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset headers tell how many are left. Any website may read the API from the browser (CORS open for GET), without cookies.",
  "openData.licence.title": "Licence",
  "openData.licence.body": "The data is published under the Creative Commons Attribution 4.0 licence (CC BY 4.0): reuse it crediting \"Perú País Circular\" with a link to this site. Each organisation's texts remain its authors'.",

  "openData.downloads.title": "Downloads and feeds",
  "openData.downloads.organisationsCsv": "Organisation directory (CSV)",
  "openData.downloads.organisationsJson": "Organisation directory (JSON)",
  "openData.downloads.eventsIcs": "Event calendar (iCalendar, to subscribe)",
  "openData.downloads.progress": "Progress dashboard data (JSON)",
  "openData.downloads.initiativesAtom": "New initiatives (Atom)",
  "openData.downloads.eventsAtom": "Events (Atom)",
  "openData.downloads.discussionsAtom": "Discussions (Atom)",
  "openData.downloads.note": "The directory downloads take the same filters as the directory page.",
};
