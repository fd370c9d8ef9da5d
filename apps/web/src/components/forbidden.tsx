import { EmptyState } from "@kefu/ui/empty-state";
import { getTranslations } from "next-intl/server";

/** What a person sees on a page their role may not open (the API refuses the data as well). */
export async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <div data-testid="forbidden" className="py-16">
      <EmptyState bordered title={t("FORBIDDEN")} />
    </div>
  );
}
