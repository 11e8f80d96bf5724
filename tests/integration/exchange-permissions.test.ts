import { describe } from "vitest";
import { db, schema } from "#app/.server/db.ts";
import { action as editAction, loader as editLoader } from "#app/routes/exchange.$id.edit.tsx";
import { action as pageAction, loader as pageLoader } from "#app/routes/exchange.$id._index.tsx";
import { loader as photoLoader } from "#app/routes/exchange.$id.photos.$photoId.ts";
import { action as newAction } from "#app/routes/exchange.new.tsx";
import type { OrganisationStatus } from "#app/features/organisations/taxonomy.ts";
import { makeListingRow } from "#tests/factories/exchange.ts";
import { callRoute } from "./call-route.ts";
import { expectFor as expectForRoles, runPermissionMatrix, type MatrixRow, type Outcome } from "./permission-matrix.ts";
import { makeWorld, ROLES, type Role } from "./world.ts";

// Every listing action × role (issue 12): anonymous, a member of another organisation, the
// listing organisation's member, editor and owner, coordinator and admin; on a published listing,
// a draft, and a listing of an organisation suspended since it was posted.

type State = "published" | "draft" | "suspended";
type ListingWorld = ReturnType<typeof makeWorld> & { listingId: number; photoId: number };

function makeListingWorld(state: State | undefined): ListingWorld {
  const world = makeWorld((state === "suspended" ? "suspended" : "approved") as OrganisationStatus);
  const listing = makeListingRow(world.organisation.id, state === "draft" ? { status: "draft", publishedAt: null } : {});
  const photo = db
    .insert(schema.exchangeListingPhotos)
    .values({ listingId: listing.id, image: Buffer.from("x"), contentType: "image/webp", hash: "h1" })
    .returning()
    .get();
  return { ...world, listingId: listing.id, photoId: photo.id };
}

type Row = MatrixRow<Role, ListingWorld, State>;
const expectFor = (rest: Outcome, overrides: Partial<Record<Role, Outcome>>) => expectForRoles(ROLES, rest, overrides);
const BASE = "http://localhost:3000";
const params = (w: ListingWorld) => ({ id: String(w.listingId), photoId: String(w.photoId) });

const get = (handler: Parameters<typeof callRoute>[0], suffix = "") => (w: ListingWorld, cookie: string | undefined) =>
  callRoute((args) => handler({ ...args, params: params(w) }), { url: `${BASE}/exchange/${w.listingId}${suffix}`, cookie });
const post = (handler: Parameters<typeof callRoute>[0], fields: Record<string, string>, suffix = "") => (w: ListingWorld, cookie: string | undefined) =>
  callRoute((args) => handler({ ...args, params: params(w) }), { url: `${BASE}/exchange/${w.listingId}${suffix}`, method: "POST", cookie, form: fields });

const listingForm = {
  intent: "save",
  kind: "want",
  title: "Cascarilla de arroz",
  category: "agro_residues",
  quantity: "3",
  unit: "t",
  frequency: "monthly",
  region: "LAM",
  availableFrom: "2026-01-01",
  availableUntil: "2026-12-31",
  priceMode: "free",
};

// Who may see a listing: a published one everybody; a draft, or any listing of a suspended
// organisation, only its team and staff (others get 404, as if it did not exist).
const seenByTeamAndStaff = expectFor(404, { orgMember: "ok", editor: "ok", owner: "ok", coordinator: "ok", admin: "ok" });
// Changing it: its owners and editors while the organisation is approved; signed-out people are
// sent to log in, those who see it get 403, those who do not 404.
const managers = (state: State) =>
  state === "published"
    ? expectFor(403, { anonymous: "login", editor: "ok", owner: "ok" })
    : state === "draft"
      ? expectFor(403, { anonymous: "login", otherOrgMember: 404, editor: "ok", owner: "ok" })
      : expectFor(403, { anonymous: "login", otherOrgMember: 404 });

const rows: Row[] = [
  { action: "view", state: "published", call: get(pageLoader), expect: expectFor("ok", {}) },
  { action: "view", state: "draft", call: get(pageLoader), expect: seenByTeamAndStaff },
  { action: "view", state: "suspended", call: get(pageLoader), expect: seenByTeamAndStaff },
  { action: "view a photo", state: "published", call: get(photoLoader, "/photos/1"), expect: expectFor("ok", {}) },
  { action: "view a photo", state: "draft", call: get(photoLoader, "/photos/1"), expect: seenByTeamAndStaff },
  {
    action: "view an unknown listing",
    state: "published",
    call: (_w, cookie) => callRoute((args) => pageLoader({ ...args, params: { id: "99999999" } }), { url: `${BASE}/exchange/99999999`, cookie }),
    expect: expectFor(404, {}),
  },
  ...(["published", "draft", "suspended"] as const).flatMap((state): Row[] => [
    { action: "open the edit page", state, call: get(editLoader, "/edit"), expect: managers(state) },
    { action: "save the edit form", state, call: post(editAction, listingForm, "/edit"), expect: managers(state) },
    { action: "remove a photo", state, call: (w, c) => post(editAction, { intent: "remove-photo", photoId: String(w.photoId) }, "/edit")(w, c), expect: managers(state) },
    { action: "close", state, call: post(pageAction, { intent: "close" }), expect: managers(state) },
  ]),
  { action: "publish", state: "draft", call: post(pageAction, { intent: "publish" }), expect: managers("draft") },
  { action: "mark matched", state: "published", call: post(pageAction, { intent: "matched" }), expect: managers("published") },
  { action: "renew", state: "published", call: post(pageAction, { intent: "renew", availableUntil: "2099-12-31".replace("2099", String(new Date().getFullYear() + 1)) }), expect: managers("published") },
  {
    action: "post a listing for the organisation",
    state: "published",
    call: (w, cookie) =>
      callRoute(newAction, { url: `${BASE}/exchange/new`, method: "POST", cookie, form: { ...listingForm, intent: "draft", organisationId: String(w.organisation.id) } }),
    expect: expectFor(403, { anonymous: "login", editor: "ok", owner: "ok" }),
  },
  {
    action: "post a listing for the organisation",
    state: "suspended",
    call: (w, cookie) =>
      callRoute(newAction, { url: `${BASE}/exchange/new`, method: "POST", cookie, form: { ...listingForm, intent: "draft", organisationId: String(w.organisation.id) } }),
    expect: expectFor(403, { anonymous: "login" }),
  },
];

describe("resource exchange listing permissions", () => {
  runPermissionMatrix(ROLES, makeListingWorld, rows);
});
