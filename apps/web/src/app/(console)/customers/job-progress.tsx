"use client";

import { Button } from "@kefu/ui/button";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useTRPC } from "~/trpc/react";

const POLL_MS = 1_000;

/** A bulk action's or export's progress bar, polled until it ends, then its summary (and the file to download). */
export function JobProgress({ jobId, onFinished, onDismiss }: { jobId: number; onFinished?: () => void; onDismiss: () => void }) {
  const t = useTranslations("customers");
  const trpc = useTRPC();
  const job = useQuery({
    ...trpc.customer.getBulkJob.queryOptions({ id: jobId }),
    refetchInterval: (query) => (query.state.data && ["SUCCEEDED", "DEAD"].includes(query.state.data.status) ? false : POLL_MS),
  });
  const status = job.data?.status;
  const finished = status === "SUCCEEDED" || status === "DEAD";
  useEffect(() => {
    if (finished) onFinished?.();
  }, [finished, onFinished]);
  const done = job.data?.progressDone ?? 0;
  const total = job.data?.progressTotal ?? 0;
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : finished ? 100 : 0;
  const result = job.data?.result as
    { kind: "bulk"; matched: number; changed: number } | { kind: "export"; rows: number; fileName: string; revealed: boolean } | null | undefined;
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="job-progress" data-status={status ?? "PENDING"}>
      <div className="flex items-center justify-between gap-2">
        <span className="font-medium">{status === "DEAD" ? t("job.failed") : finished ? t("job.done") : t("job.running")}</span>
        <span className="text-slate-500 tabular-nums">{t("job.progress", { done, total })}</span>
      </div>
      <div
        role="progressbar"
        aria-label={t("job.progressLabel")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full rounded-full bg-primary-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      {status === "SUCCEEDED" && result?.kind === "bulk" ? (
        <p data-testid="job-result">{t("job.bulkResult", { matched: result.matched, changed: result.changed })}</p>
      ) : null}
      {status === "SUCCEEDED" && result?.kind === "export" ? (
        <p className="flex flex-wrap items-center gap-2" data-testid="job-result">
          {t("job.exportResult", { rows: result.rows })}
          {result.revealed ? <span className="text-amber-700">{t("job.revealed")}</span> : null}
          <Button asChild size="sm">
            <a href={`/api/customers/exports/${jobId}`} download={result.fileName} data-testid="export-download">
              {t("job.download", { fileName: result.fileName })}
            </a>
          </Button>
        </p>
      ) : null}
      {finished ? (
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          {t("job.dismiss")}
        </Button>
      ) : null}
    </div>
  );
}
