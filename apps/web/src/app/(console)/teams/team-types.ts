import type { RouterOutputs } from "@kefu/api/client";

export type TeamRow = RouterOutputs["team"]["list"][number];
