import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth/index.ts";
import {
  addListingPhoto,
  linkableInitiatives,
  listingRefusalReply,
  photosOf,
  removeListingPhoto,
  requireListing,
  updateListing,
} from "#app/.server/exchange/index.ts";
import { redirectWithFlash } from "#app/.server/flash.ts";
import { readForm } from "#app/.server/forms.ts";
import { isMultipart, readImageUpload } from "#app/.server/uploads.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PageTitle, SubmitButton } from "#app/components/ui/forms.tsx";
import { ImageUploadForm } from "#app/components/ui/image-upload.tsx";
import { ListingForm } from "#app/features/exchange/listing-form.tsx";
import { fromBaseQuantity, listingSchema, MAX_LISTING_PHOTOS } from "#app/features/exchange/schemas.ts";
import type { QuantityUnit } from "#app/features/exchange/taxonomy.ts";
import { useT } from "#app/utils/i18n.tsx";
import { titleMeta } from "#app/utils/meta.ts";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "exch.edit.title");

/** Photos are fitted into this box and re-encoded (same rules as logos, app/.server/uploads.ts). */
const PHOTO_BOX = { width: 1200, height: 1200 };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const { listing } = requireListing(params.id, user, "edit");
  return {
    id: listing.id,
    title: listing.title,
    status: listing.status,
    photos: photosOf(listing.id),
    initiatives: linkableInitiatives(listing.organisationId),
    defaults: {
      kind: listing.kind,
      title: listing.title,
      category: listing.category,
      description: listing.description,
      specification: listing.specification,
      // Shown back in the unit it was entered in, with a decimal point ("2.5").
      quantity: String(fromBaseQuantity(listing.quantity, listing.unit as QuantityUnit)),
      unit: listing.unit as QuantityUnit,
      frequency: listing.frequency,
      region: listing.region as never,
      province: listing.province,
      availableFrom: listing.availableFrom,
      availableUntil: listing.availableUntil,
      priceMode: listing.priceMode,
      price: listing.priceCents === null ? undefined : (listing.priceCents / 100).toFixed(2),
      hazardous: listing.hazardous ? ("on" as const) : undefined,
      initiativeId: listing.initiativeId ?? undefined,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const { listing } = requireListing(params.id, user, "edit");
  const here = `/exchange/${listing.id}/edit`;
  if (isMultipart(request)) {
    const upload = await readImageUpload(request, "photo", PHOTO_BOX);
    if (!upload.ok) return data({ photoError: upload.error as string }, { status: upload.status });
    const added = addListingPhoto(listing.id, user.id, upload);
    if (!added.ok) return data({ photoError: `exch.errors.${added.error}` }, { status: added.error === "cannotActFor" ? 403 : 400 });
    return redirectWithFlash(here, { key: "exch.photos.added" });
  }
  const form = await readForm(request);
  if (form.get("intent") === "remove-photo") {
    const removed = removeListingPhoto(listing.id, user.id, Number(form.get("photoId")));
    if (!removed.ok) return data({ photoError: `exch.errors.${removed.error}` }, { status: removed.error === "notFound" ? 404 : 403 });
    return redirectWithFlash(here, { key: "exch.photos.removed" });
  }
  const submission = parseWithZod(form, { schema: listingSchema() });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = updateListing(listing.id, user.id, submission.value);
  if (!result.ok) return listingRefusalReply(submission, result.error);
  return redirectWithFlash(`/exchange/${listing.id}`, { key: "exch.edit.saved" });
}

export default function EditListingPage() {
  const { id, title, status, photos, initiatives, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const photoError = actionData && "photoError" in actionData ? actionData.photoError : null;
  const buttons =
    status === "draft"
      ? [
          { intent: "publish" as const, label: t("exch.new.publish"), primary: true },
          { intent: "draft" as const, label: t("exch.new.saveDraft") },
        ]
      : [{ intent: status === "published" ? ("publish" as const) : ("save" as const), label: t("exch.edit.save"), primary: true }];
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <p className="[overflow-wrap:anywhere]">
        <Link to={`/exchange/${id}`}>← {title}</Link>
      </p>
      <PageTitle>{t("exch.edit.title")}</PageTitle>
      <ListingForm
        id="edit-listing"
        lastResult={actionData && "result" in actionData ? actionData.result : undefined}
        initiatives={initiatives}
        defaultValue={defaults}
        buttons={buttons}
      />
      <section aria-labelledby="photos-heading" className="card space-y-3">
        <h2 id="photos-heading" className="text-xl font-bold">
          {t("exch.photos.title")}
        </h2>
        {photos.length ? (
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {photos.map((photo, index) => (
              <li key={photo.id} className="space-y-1">
                <img src={`/exchange/${id}/photos/${photo.id}?v=${photo.hash}`} alt={t("exch.photos.alt", { n: index + 1, title })} className="aspect-square w-full rounded object-cover" />
                <Form method="post">
                  <input type="hidden" name="photoId" value={photo.id} />
                  <SubmitButton name="intent" value="remove-photo" className="btn-secondary w-full" pendingLabel={t("form.saving")}>
                    {t("exch.photos.remove", { n: index + 1 })}
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        ) : null}
        {photos.length < MAX_LISTING_PHOTOS ? (
          <ImageUploadForm name="photo" label={t("exch.photos.label")} hint={t("exch.photos.hint")} submitLabel={t("exch.photos.submit")} error={photoError} />
        ) : (
          <p>{t("exch.photos.full")}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
