import { registerNotificationKind } from "#app/.server/notifications/index.ts";
import { translate } from "#app/i18n.ts";

// What discussions tell people (issue 10, ADR 0013; the discussions feature publishes them, see
// /work/notes/discussions-api.md). Subjects: ("post", id) for replies, mentions and quotes, grouped
// in the digest by thread ("thread:<id>"); ("thread", id) for a new thread on a parent, grouped by
// the parent ("initiative:<id>"). The "post" and "thread" subjects are resolved by the discussions
// feature's own registration. Variables: {actor}, {title} (the thread's current title).

registerNotificationKind({
  type: "discussion.reply",
  preference: "discussion_replies",
  defaultChannel: "email",
  messageKey: "notice.discussion.reply",
  subjectKey: "notice.discussion.replySubject",
});
registerNotificationKind({
  type: "discussion.mention",
  preference: "mentions",
  defaultChannel: "email",
  messageKey: "notice.discussion.mention",
  subjectKey: "notice.discussion.mentionSubject",
});
registerNotificationKind({
  type: "discussion.quote",
  preference: "mentions",
  defaultChannel: "email",
  messageKey: "notice.discussion.quote",
  subjectKey: "notice.discussion.quoteSubject",
});
// Many people follow a parent: new threads stay on the site unless the person asks for email.
registerNotificationKind({
  type: "discussion.new_thread",
  preference: "discussion_replies",
  defaultChannel: "in_app",
  messageKey: "notice.discussion.newThread",
  subjectKey: "notice.discussion.newThreadSubject",
});

// Moderation of a post, told to its author (subject ("post", id), which its author may still see
// while it is hidden). Group "mentions": like a mention or a quote it is about the person's own
// words and addressed to them alone, rare, and not to be lost by someone who silences the busy
// "replies" group. Data: `reason` ("flags" | "moderator") for the hiding, `threadId`, `number`.
registerNotificationKind({
  type: "discussion.post_hidden",
  preference: "mentions",
  defaultChannel: "in_app",
  messageKey: "notice.discussion.postHidden",
  subjectKey: "notice.discussion.postHiddenSubject",
  vars: ({ data, locale }) => ({
    why: translate(locale, data.reason === "flags" ? "notice.discussion.hiddenByFlags" : "notice.discussion.hiddenByModerator"),
  }),
});
registerNotificationKind({
  type: "discussion.post_restored",
  preference: "mentions",
  defaultChannel: "in_app",
  messageKey: "notice.discussion.postRestored",
  subjectKey: "notice.discussion.postRestoredSubject",
});
// Coordinators and admins learn that flags hid a post, to review it. Group "discussion_replies":
// it is news of what happens in the forum they look after, not about them or their words; its
// hint says so. Data: `flags` (how many open flags hid it), `threadId`, `number`.
registerNotificationKind({
  type: "discussion.post_flagged_hidden",
  preference: "discussion_replies",
  defaultChannel: "in_app",
  messageKey: "notice.discussion.postFlaggedHidden",
  subjectKey: "notice.discussion.postFlaggedHiddenSubject",
});
