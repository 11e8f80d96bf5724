/**
 * The version of the privacy notice in force (app/features/privacy/notice.{es,en}.md), as the
 * date it was published (YYYY-MM-DD, Lima). Change it whenever the notice's substance changes:
 * signed-in people who accepted an older version are then asked to accept it again (issue 13).
 */
export const PRIVACY_NOTICE_VERSION = "2026-11-30";
