import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { notFound } from "#app/utils/http-errors.ts";

// Any path no other route claims answers a real 404 through the error boundary.
export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
