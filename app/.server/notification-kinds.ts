// Every notification kind and subject resolver registers itself here (ADR 0013). A new kind is a
// registration in its feature's `notification-kinds.ts`; a new feature is one line below. Whatever
// renders or mails notifications (the notifications page, the mail worker's digests) imports this
// module; features that publish import their own kinds file.
import "#app/.server/organisations/notification-kinds.ts";
import "#app/.server/initiatives/notification-kinds.ts";
import "#app/.server/events/notification-kinds.ts";
import "#app/.server/discussions/notification-kinds.ts";
// Subjects of discussion notifications ("thread", "post"), resolved by the discussions feature.
import "#app/.server/discussions/notification-subjects.ts";
import "#app/.server/exchange/notification-kinds.ts";
