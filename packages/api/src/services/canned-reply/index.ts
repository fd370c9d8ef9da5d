// 快捷回复: the composer's replies and their management (personal, team and shared sets).
export { createCannedReply, deleteCannedReply, listCannedRepliesIn, moveCannedReply, updateCannedReply } from "./manage.ts";
export { listCannedScopes } from "./scope.ts";
export { listUsableCannedReplies } from "./usable.ts";
