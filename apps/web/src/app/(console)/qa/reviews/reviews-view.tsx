"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { QA_REVIEW_STATUSES, qaReviewPaths, type QaReviewStatusName } from "@kefu/api/contracts/qa";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Checkbox } from "@kefu/ui/checkbox";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { PageHeader } from "@kefu/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { LoadMore } from "~/components/load-more";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { formatScore, ReviewStatusBadge } from "../review/status";

type ReviewRow = RouterOutputs["qa"]["listReviews"]["items"][number];

const idOrUndefined = (value: string) => (value ? Number(value) : undefined);
const dateOrUndefined = (value: string, endOfDay = false) => (value ? new Date(`${value}T${endOfDay ? "23:59:59.999" : "00:00:00"}+08:00`) : undefined);

export function ReviewsView() {
  const t = useTranslations("qaReviews");
  const trpc = useTRPC();
  const options = useQuery(trpc.qa.reviewFilterOptions.queryOptions());
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <Candidates options={options.data} />
      <Reviews options={options.data} />
    </div>
  );
}

type FilterOptions = RouterOutputs["qa"]["reviewFilterOptions"] | undefined;

/** Ended conversations not reviewed yet, newest first: pick one to review (抽检 by condition). */
function Candidates({ options }: { options: FilterOptions }) {
  const t = useTranslations("qaReviews");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const { run } = useMutationFeedback();
  const [agentId, setAgentId] = useState("");
  const [teamId, setTeamId] = useState("");
  const [lowCsat, setLowCsat] = useState(false);
  const [flagged, setFlagged] = useState(false);
  const filters = { agentId: idOrUndefined(agentId), teamId: idOrUndefined(teamId), lowCsat: lowCsat || undefined, flagged: flagged || undefined, limit: 20 };
  const list = useInfiniteQuery(trpc.qa.listReviewCandidates.infiniteQueryOptions(filters, { getNextPageParam: (page) => page.nextCursor }));
  const start = useMutation(trpc.qa.startReview.mutationOptions());
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  async function onStart(conversationId: number) {
    const started = await run(() => start.mutateAsync({ conversationId }));
    if (started) router.push(qaReviewPaths.review(started.id));
  }

  return (
    <section className="space-y-3" aria-labelledby="qa-candidates-title">
      <h2 id="qa-candidates-title" className="text-base font-semibold text-slate-900">
        {t("candidates.title")}
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t("filters.agent")} htmlFor="qa-candidate-agent">
          <NativeSelect value={agentId} onChange={(e) => setAgentId(e.target.value)}>
            <option value="">{t("filters.all")}</option>
            {options?.agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field label={t("filters.team")} htmlFor="qa-candidate-team">
          <NativeSelect value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{t("filters.all")}</option>
            {options?.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <Checkbox checked={lowCsat} onCheckedChange={(value) => setLowCsat(value === true)} />
          {t("filters.lowCsat")}
        </label>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <Checkbox checked={flagged} onCheckedChange={(value) => setFlagged(value === true)} />
          {t("filters.flagged")}
        </label>
      </div>
      <Table framed cards data-testid="qa-candidates">
        <TableHeader>
          <TableRow>
            <TableHead>{t("fields.conversation")}</TableHead>
            <TableHead>{t("fields.agent")}</TableHead>
            <TableHead>{t("fields.team")}</TableHead>
            <TableHead>{t("fields.endedAt")}</TableHead>
            <TableHead>{t("fields.csat")}</TableHead>
            <TableHead>{t("fields.flags")}</TableHead>
            <TableHead>
              <span className="sr-only">{t("actions")}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-conversation-id={row.id}>
              <TableCell label={t("fields.conversation")}>
                <span className="font-medium text-slate-900">#{row.id}</span> {row.customerName}
              </TableCell>
              <TableCell label={t("fields.agent")}>{row.assignee?.name ?? "—"}</TableCell>
              <TableCell label={t("fields.team")}>{row.team?.name ?? "—"}</TableCell>
              <TableCell label={t("fields.endedAt")}>
                {row.resolvedAt ? format.dateTime(new Date(row.resolvedAt), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" }) : "—"}
              </TableCell>
              <TableCell label={t("fields.csat")}>{row.csatScore ?? "—"}</TableCell>
              <TableCell label={t("fields.flags")}>
                {row.flagCount ? <Badge variant="warning">{t("flagCount", { count: row.flagCount })}</Badge> : row.flagCount === 0 ? t("clean") : "—"}
              </TableCell>
              <TableCell className="text-right">
                <Button size="sm" onClick={() => void onStart(row.id)} loading={start.isPending && start.variables.conversationId === row.id}>
                  {t("start")}
                </Button>
              </TableCell>
            </TableRow>
          ))}
          {!list.isPending && rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={7} className="text-center text-slate-500">
                {t("candidates.empty")}
              </TableCell>
            </TableRow>
          ) : null}
        </TableBody>
      </Table>
      <LoadMore query={list} />
    </section>
  );
}

function Reviews({ options }: { options: FilterOptions }) {
  const t = useTranslations("qaReviews");
  const trpc = useTRPC();
  const [status, setStatus] = useState<QaReviewStatusName | "">("");
  const [agentId, setAgentId] = useState("");
  const [reviewerId, setReviewerId] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const filters = {
    status: status || undefined,
    agentId: idOrUndefined(agentId),
    reviewerId: idOrUndefined(reviewerId),
    from: dateOrUndefined(from),
    to: dateOrUndefined(to, true),
    limit: 50,
  };
  const list = useInfiniteQuery(trpc.qa.listReviews.infiniteQueryOptions(filters, { getNextPageParam: (page) => page.nextCursor }));
  const drafts = list.data?.pages[0]?.drafts ?? [];
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="space-y-3" aria-labelledby="qa-reviews-title">
      <h2 id="qa-reviews-title" className="text-base font-semibold text-slate-900">
        {t("reviews.title")}
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t("filters.status")} htmlFor="qa-review-status">
          <NativeSelect value={status} onChange={(e) => setStatus(e.target.value as QaReviewStatusName | "")}>
            <option value="">{t("filters.all")}</option>
            {QA_REVIEW_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`status.${value}`)}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field label={t("filters.agent")} htmlFor="qa-review-agent">
          <NativeSelect value={agentId} onChange={(e) => setAgentId(e.target.value)}>
            <option value="">{t("filters.all")}</option>
            {options?.agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field label={t("filters.reviewer")} htmlFor="qa-review-reviewer">
          <NativeSelect value={reviewerId} onChange={(e) => setReviewerId(e.target.value)}>
            <option value="">{t("filters.all")}</option>
            {options?.reviewers.map((reviewer) => (
              <option key={reviewer.id} value={reviewer.id}>
                {reviewer.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field label={t("filters.from")} htmlFor="qa-review-from">
          <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label={t("filters.to")} htmlFor="qa-review-to">
          <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </div>
      <ReviewTable rows={[...drafts, ...rows]} pending={list.isPending} hrefOf={qaReviewPaths.review} testId="qa-reviews" />
      <LoadMore query={list} />
    </section>
  );
}

/** Reviews as rows; also the agent's own list (我的质检). */
export function ReviewTable({ rows, pending, hrefOf, testId }: { rows: ReviewRow[]; pending: boolean; hrefOf: (id: number) => string; testId: string }) {
  const t = useTranslations("qaReviews");
  const format = useFormatter();
  return (
    <Table framed cards data-testid={testId}>
      <TableHeader>
        <TableRow>
          <TableHead>{t("fields.conversation")}</TableHead>
          <TableHead>{t("fields.agent")}</TableHead>
          <TableHead>{t("fields.reviewer")}</TableHead>
          <TableHead>{t("fields.status")}</TableHead>
          <TableHead className="text-right">{t("fields.total")}</TableHead>
          <TableHead>{t("fields.reviewedAt")}</TableHead>
          <TableHead>
            <span className="sr-only">{t("actions")}</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-review-id={row.id} data-conversation-id={row.conversationId}>
            <TableCell label={t("fields.conversation")}>
              <span className="font-medium text-slate-900">#{row.conversationId}</span> {row.customerName}
              {row.isCalibration ? (
                <Badge variant="neutral" className="ml-2">
                  {t("calibration")}
                </Badge>
              ) : null}
            </TableCell>
            <TableCell label={t("fields.agent")}>{row.agent.name}</TableCell>
            <TableCell label={t("fields.reviewer")}>{row.reviewer.name}</TableCell>
            <TableCell label={t("fields.status")}>
              <ReviewStatusBadge status={row.status} />
              {row.openDispute ? (
                <Badge variant="danger" className="ml-1">
                  {t("openDispute")}
                </Badge>
              ) : null}
            </TableCell>
            <TableCell label={t("fields.total")} className="text-right tabular-nums">
              {formatScore(row.total)}
            </TableCell>
            <TableCell label={t("fields.reviewedAt")}>
              {format.dateTime(new Date(row.submittedAt ?? row.createdAt), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" })}
            </TableCell>
            <TableCell className="text-right">
              <Link className="text-primary-700 text-sm font-medium hover:underline" href={hrefOf(row.id)}>
                {row.status === "DRAFT" ? t("continue") : t("open")}
                <span className="sr-only"> #{row.conversationId}</span>
              </Link>
            </TableCell>
          </TableRow>
        ))}
        {!pending && rows.length === 0 ? (
          <TableRow>
            <TableCell colSpan={7} className="text-center text-slate-500">
              {t("reviews.empty")}
            </TableCell>
          </TableRow>
        ) : null}
      </TableBody>
    </Table>
  );
}
