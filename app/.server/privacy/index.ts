// People's rights over their data (issue 13, ADR 0016): the privacy notice, the download of one's
// data, closing an account, and the coordinators' log of these requests.
export { closeAccount, type ClosureResult } from "./closure.ts";
export { exportPersonalData, personalDataHtml, readPersonalData, type PersonalDataExport } from "./export.ts";
export { privacyNotice } from "./notice.ts";
export { dataRightsLog, DATA_RIGHTS_LOG_PAGE_SIZE, logDataRightsRequest } from "./requests.ts";
export { PERSONAL_DATA_SOURCES } from "./sources.ts";
