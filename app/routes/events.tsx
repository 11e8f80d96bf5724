import { ComingSoon } from "#app/components/coming-soon.tsx";

export default function Page() {
  return <ComingSoon section="nav.events" />;
}
