import { registerNotificationKind } from "#app/.server/notifications/index.ts";

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
