import { handleCustomerImportErrors, instrumentRoute } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "~/server/auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handleGET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const t = await getTranslations("customerImport");
  return handleCustomerImportErrors(getDb(), await getSessionUser(), (await params).id, (row) =>
    t("errorCell", { row: row.rowNumber, reason: t(`reasons.${row.reason}`), column: row.column ?? "" }),
  );
}

export const GET = instrumentRoute("/api/customer-imports/[id]/errors", handleGET);
