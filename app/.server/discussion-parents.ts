// Every kind of parent that discussion threads can hang on registers itself here (ADR 0013).
// Adding one (an organisation, a resource listing) is one `discussable.ts` in its feature and one
// line below. Routes and scripts that show discussions import this module.
import "#app/.server/initiatives/discussable.ts";
import "#app/.server/events/discussable.ts";
import "#app/.server/exchange/discussable.ts";
