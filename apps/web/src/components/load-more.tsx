"use client";

import { Button } from "@kefu/ui/button";
import { useTranslations } from "next-intl";

/** The "load more" button under a keyset-paginated list (a React Query infinite query). */
export function LoadMore({ query }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> } }) {
  const t = useTranslations("common");
  if (!query.hasNextPage) return null;
  return (
    <div className="flex justify-center">
      <Button variant="outline" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        {t("loadMore")}
      </Button>
    </div>
  );
}
