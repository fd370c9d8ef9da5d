"use client";

import type { RouterOutputs } from "@kefu/api/client";
import {
  CUSTOM_TARGET_PREFIX,
  IMPORT_FILE_MAX_BYTES,
  IMPORT_MATCH_KEYS,
  IMPORT_TARGETS,
  type ImportMapping,
  type ImportMatchKey,
} from "@kefu/api/contracts/customer-data";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { EmptyState } from "@kefu/ui/empty-state";
import { NativeSelect } from "@kefu/ui/native-select";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { ProgressBar } from "./progress-bar";

type ImportView = RouterOutputs["customer"]["getImport"];
type DryRun = RouterOutputs["customer"]["dryRunImport"];
const SKIP = "";

/** 导入客户: upload a CSV or XLSX, map its columns, try it, run it, and download the rows it refused. */
export function CustomerImportScreen() {
  const t = useTranslations("customerImport");
  const searchParams = useSearchParams();
  const router = useRouter();
  const importId = Number(searchParams.get("id")) || null;
  const open = (id: number | null) => router.replace(id ? `/customers/import?id=${id}` : "/customers/import");

  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild variant="outline">
            <Link href="/customers/duplicates">{t("toDuplicates")}</Link>
          </Button>
        }
      />
      {importId ? <ImportSteps id={importId} onRestart={() => open(null)} /> : <UploadCard onUploaded={open} />}
      <RecentImports onOpen={open} />
    </div>
  );
}

function UploadCard({ onUploaded }: { onUploaded: (id: number) => void }) {
  const t = useTranslations("customerImport");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const maxMb = IMPORT_FILE_MAX_BYTES / 1024 / 1024;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!file) return setError(t("upload.rules.required"));
    if (file.size > IMPORT_FILE_MAX_BYTES) return setError(t("upload.rules.tooLarge", { max: maxMb }));
    setPending(true);
    try {
      const form = new FormData();
      form.set("file", file);
      const response = await fetch("/api/customer-imports", { method: "POST", body: form });
      const body = (await response.json()) as { id?: number; error?: { code: string; rule?: string; params?: Record<string, string | number> } };
      if (response.ok && body.id) return onUploaded(body.id);
      const rule = body.error?.rule;
      setError(rule && t.has(`upload.rules.${rule}`) ? t(`upload.rules.${rule}`, { max: maxMb, ...body.error?.params }) : t("upload.failed"));
    } catch {
      setError(t("upload.failed"));
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("upload.title")}</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="space-y-3" noValidate>
          <p className="text-sm text-slate-600">{t("upload.hint", { max: maxMb })}</p>
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={t("upload.file")}
            data-testid="import-file"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2"
          />
          {error ? (
            <p role="alert" className="text-sm text-red-600">
              {error}
            </p>
          ) : null}
          <Button type="submit" loading={pending}>
            {t("upload.submit")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function ImportSteps({ id, onRestart }: { id: number; onRestart: () => void }) {
  const t = useTranslations("customerImport");
  const trpc = useTRPC();
  const view = useQuery({
    ...trpc.customer.getImport.queryOptions({ id }),
    refetchInterval: (query) => (query.state.data?.status === "RUNNING" ? 1000 : false),
  });
  if (view.isPending) return <Skeleton className="h-48" />;
  if (view.error) return <EmptyState bordered title={t("notFound")} />;
  const data = view.data;
  return (
    <Card>
      <CardHeader actions={<Badge variant={data.status === "DONE" ? "success" : "info"}>{t(`status.${data.status}`)}</Badge>}>
        <CardTitle>{t("fileTitle", { name: data.fileName, rows: data.totalRows })}</CardTitle>
      </CardHeader>
      <CardContent>
        {data.status === "UPLOADED" || data.status === "DRY_RUN" ? <MappingForm view={data} /> : <RunProgress view={data} onRestart={onRestart} />}
      </CardContent>
    </Card>
  );
}

function MappingForm({ view }: { view: ImportView }) {
  const t = useTranslations("customerImport");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run, fieldErrors } = useMutationFeedback({ leafKeys: false });
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [matchBy, setMatchBy] = useState<ImportMatchKey>(view.matchBy);
  const [dryRun, setDryRun] = useState<DryRun | null>(null);
  const dry = useMutation(trpc.customer.dryRunImport.mutationOptions());
  const start = useMutation(trpc.customer.startImport.mutationOptions());

  useEffect(() => {
    setMapping(Object.fromEntries(view.mapping.map((entry) => [entry.column, entry.target])));
    setMatchBy(view.matchBy);
  }, [view.mapping, view.matchBy]);

  const plan = (): { id: number; mapping: ImportMapping; matchBy: ImportMatchKey } => ({
    id: view.id,
    matchBy,
    mapping: view.headers.flatMap((column) => (mapping[column] ? [{ column, target: mapping[column] }] : [])),
  });
  const mappingError = Object.entries(fieldErrors).map(([, message]) => message)[0];

  return (
    <div className="space-y-4">
      {view.remembered && view.mapping.length ? <p className="text-sm text-slate-600">{t("mapping.remembered")}</p> : null}
      <Table framed cards data-testid="import-mapping">
        <TableHeader>
          <TableRow>
            <TableHead>{t("mapping.column")}</TableHead>
            <TableHead>{t("mapping.field")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {view.headers.map((column) => (
            <TableRow key={column}>
              <TableCell label={t("mapping.column")} className="font-medium">
                {column}
              </TableCell>
              <TableCell label={t("mapping.field")}>
                <NativeSelect
                  aria-label={t("mapping.fieldFor", { column })}
                  value={mapping[column] ?? SKIP}
                  onChange={(event) => setMapping({ ...mapping, [column]: event.target.value })}
                >
                  <option value={SKIP}>{t("mapping.skip")}</option>
                  {IMPORT_TARGETS.map((target) => (
                    <option key={target} value={target}>
                      {t(`targets.${target}`)}
                    </option>
                  ))}
                  {view.customFields.map((field) => (
                    <option key={field.id} value={`${CUSTOM_TARGET_PREFIX}${field.key}`}>
                      {t("mapping.customField", { label: field.label })}
                    </option>
                  ))}
                </NativeSelect>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <label className="flex max-w-sm flex-col gap-1 text-sm">
        <span className="text-slate-600">{t("mapping.matchBy")}</span>
        <NativeSelect value={matchBy} onChange={(event) => setMatchBy(event.target.value as ImportMatchKey)} aria-label={t("mapping.matchBy")}>
          {IMPORT_MATCH_KEYS.map((key) => (
            <option key={key} value={key}>
              {t(`matchBy.${key}`)}
            </option>
          ))}
        </NativeSelect>
        <span className="text-xs text-slate-500">{t("mapping.matchHint")}</span>
      </label>
      {mappingError ? (
        <p role="alert" className="text-sm text-red-600">
          {mappingError}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" loading={dry.isPending} onClick={() => void run(() => dry.mutateAsync(plan()), { onSuccess: setDryRun })}>
          {t("dryRun.run")}
        </Button>
        <Button
          loading={start.isPending}
          onClick={() =>
            void run(() => start.mutateAsync(plan()), {
              success: t("started"),
              onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.customer.getImport.queryKey({ id: view.id }) }),
            })
          }
        >
          {t("start")}
        </Button>
      </div>
      {dryRun ? <DryRunSummary result={dryRun} /> : null}
    </div>
  );
}

function Counts({ created, updated, rejected }: { created: number; updated: number; rejected: number }) {
  const t = useTranslations("customerImport");
  return (
    <dl className="grid grid-cols-3 gap-3 text-center" data-testid="import-counts">
      {(
        [
          ["created", created],
          ["updated", updated],
          ["rejected", rejected],
        ] as const
      ).map(([key, value]) => (
        <div key={key} className="rounded-md border border-slate-200 p-3">
          <dt className="text-xs text-slate-500">{t(`counts.${key}`)}</dt>
          <dd className="text-xl font-semibold tabular-nums" data-count={key}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function DryRunSummary({ result }: { result: DryRun }) {
  const t = useTranslations("customerImport");
  return (
    <section className="space-y-3" aria-label={t("dryRun.title")} data-testid="dry-run">
      <h3 className="text-sm font-semibold">{t("dryRun.title")}</h3>
      <Counts created={result.created} updated={result.updated} rejected={result.rejected} />
      {result.rejectedRows.length ? (
        <>
          <p className="text-sm text-slate-600">{t("dryRun.firstRejected", { shown: result.rejectedRows.length, total: result.rejected })}</p>
          <Table framed cards>
            <TableHeader>
              <TableRow>
                <TableHead>{t("dryRun.row")}</TableHead>
                <TableHead>{t("dryRun.column")}</TableHead>
                <TableHead>{t("dryRun.reason")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.rejectedRows.map((row) => (
                <TableRow key={row.rowNumber}>
                  <TableCell label={t("dryRun.row")} className="tabular-nums">
                    {row.rowNumber}
                  </TableCell>
                  <TableCell label={t("dryRun.column")}>{row.column ?? "—"}</TableCell>
                  <TableCell label={t("dryRun.reason")}>{t(`reasons.${row.reason}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      ) : null}
    </section>
  );
}

function RunProgress({ view, onRestart }: { view: ImportView; onRestart: () => void }) {
  const t = useTranslations("customerImport");
  return (
    <div className="space-y-4">
      <ProgressBar done={view.processedRows} total={view.totalRows} label={t("progress")} />
      {view.status === "RUNNING" && view.job?.failing ? <p className="text-sm text-amber-700">{t("retrying")}</p> : null}
      {view.status === "DONE" ? (
        <>
          <p className="text-sm font-medium text-emerald-700" data-testid="import-done">
            {t("done")}
          </p>
          <Counts created={view.createdCount} updated={view.updatedCount} rejected={view.rejectedCount} />
          <div className="flex flex-wrap gap-2">
            {view.hasErrorFile ? (
              <Button asChild variant="outline">
                <a href={`/api/customer-imports/${view.id}/errors`} download>
                  {t("downloadErrors")}
                </a>
              </Button>
            ) : null}
            <Button variant="secondary" onClick={onRestart}>
              {t("another")}
            </Button>
          </div>
        </>
      ) : null}
    </div>
  );
}

function RecentImports({ onOpen }: { onOpen: (id: number) => void }) {
  const t = useTranslations("customerImport");
  const trpc = useTRPC();
  const list = useQuery(trpc.customer.listImports.queryOptions({ limit: 10 }));
  if (!list.data?.items.length) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("recent.title")}</CardTitle>
      </CardHeader>
      <CardContent>
        <Table cards>
          <TableHeader>
            <TableRow>
              <TableHead>{t("recent.file")}</TableHead>
              <TableHead>{t("recent.status")}</TableHead>
              <TableHead>{t("recent.result")}</TableHead>
              <TableHead>{t("recent.by")}</TableHead>
              <TableHead />
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.data.items.map((item) => (
              <TableRow key={item.id}>
                <TableCell label={t("recent.file")}>{item.fileName}</TableCell>
                <TableCell label={t("recent.status")}>{t(`status.${item.status}`)}</TableCell>
                <TableCell label={t("recent.result")}>
                  {t("recent.counts", { created: item.createdCount, updated: item.updatedCount, rejected: item.rejectedCount })}
                </TableCell>
                <TableCell label={t("recent.by")}>{item.createdByName}</TableCell>
                <TableCell className="text-right">
                  <Button size="sm" variant="ghost" onClick={() => onOpen(item.id)}>
                    {t("recent.open")}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
