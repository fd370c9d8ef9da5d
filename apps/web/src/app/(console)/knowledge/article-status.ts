import type { RouterOutputs } from "@kefu/api/client";
import type { BadgeVariant } from "@kefu/ui/badge";

export type ArticleRow = RouterOutputs["knowledge"]["list"]["items"][number];
export type ArticleStatus = ArticleRow["status"];

export const ARTICLE_STATUSES: ArticleStatus[] = ["DRAFT", "PUBLISHED", "ARCHIVED"];
export const ARTICLE_STATUS_BADGE: Record<ArticleStatus, BadgeVariant> = { DRAFT: "warning", PUBLISHED: "success", ARCHIVED: "neutral" };
