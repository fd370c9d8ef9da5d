import { handleWidgetAnswerFeedback, instrumentRoute } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { webEnv } from "~/env";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = instrumentRoute("/api/v1/widget/feedback", (request: Request) =>
  handleWidgetAnswerFeedback(getDb(), request, { publicUrl: webEnv.AUTH_URL }),
);
