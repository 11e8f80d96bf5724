import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadDictionary, localeOfLangTag } from "#app/i18n.ts";
import { installZodMessages } from "#app/utils/zod-messages.ts";

installZodMessages();

// The browser downloads only the page's language (the root layout writes it in <html lang>), and
// before hydrating: the first render must print the same text as the server's HTML. Should the
// download fail, the page stays as the server sent it, which works without JavaScript.
loadDictionary(localeOfLangTag(document.documentElement.lang)).then(
  () =>
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    }),
  (error: unknown) => console.error("The language dictionary could not be loaded; the page is not hydrated.", error),
);
