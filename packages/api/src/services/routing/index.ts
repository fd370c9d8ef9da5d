// Routing by intent and overflow rules (docs/architecture.md, "Routing by intent and overflow"): the admin side and
// the choice of a hand-off's team. The queue side (overflow into a backup team) is services/conversation/overflow.ts.
export { chooseHandoffTeam, type HandoffTeam, type HandoffTeamInput } from "./choose-team.ts";
export { assertIntentOffered, intentMenu, recordIntentChoice, type IntentMenuItem } from "./menu.ts";
export { deleteTeamOverflow, setTeamOverflow } from "./overflow-rules.ts";
export { createRoutingRule, deleteRoutingRule, reorderRoutingRules, routingOverview, updateRoutingRule, updateRoutingSettings } from "./rules.ts";
