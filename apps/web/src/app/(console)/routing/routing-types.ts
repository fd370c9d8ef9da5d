import type { RouterOutputs } from "@kefu/api/client";

export type RoutingOverview = RouterOutputs["routing"]["overview"];
export type RoutingRuleRow = RoutingOverview["rules"][number];
export type OverflowRow = RoutingOverview["overflows"][number];
