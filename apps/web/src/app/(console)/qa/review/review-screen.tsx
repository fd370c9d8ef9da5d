"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { QA_ADVICE_MAX, QA_COMMENT_MAX, QA_REASON_MAX } from "@kefu/api/contracts/qa";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { Skeleton } from "@kefu/ui/skeleton";
import { Textarea } from "@kefu/ui/textarea";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent, type KeyboardEvent } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { systemText } from "../../workspace/system-message";
import { AutoQaSummary, FlaggedText, MessageFlags, type ConversationFlag } from "../../workspace/transcript/autoqa-flags";
import { formatScore, ReviewStatusBadge } from "./status";

type Review = RouterOutputs["qa"]["getReview"];
type Criterion = Review["criteria"][number];
type Message = Review["conversation"]["messages"][number];

/** A score select's value: "" not scored, "na" 不适用, else the number. */
type ScoreValue = string;
const toValue = (score: number | null | undefined): ScoreValue => (score === undefined ? "" : score === null ? "na" : String(score));
const fromValue = (value: ScoreValue): number | null => (value === "na" ? null : Number(value));

export interface ReviewScreenProps {
  reviewId: number;
  /** "review": the inspector's screen; "feedback": the reviewed agent's (我的质检) */
  mode: "review" | "feedback";
  viewerId: number;
  /** may settle disputes of others' reviews (qa.manage) */
  canSettleAny: boolean;
}

/** One review: the transcript (notes, events and AutoQA's flags included) beside the scorecard. */
export function ReviewScreen({ reviewId, mode, viewerId, canSettleAny }: ReviewScreenProps) {
  const t = useTranslations("qaReviews");
  const trpc = useTRPC();
  const review = useQuery(mode === "review" ? trpc.qa.getReview.queryOptions({ id: reviewId }) : trpc.qa.getFeedback.queryOptions({ id: reviewId }));
  const [highlighting, setHighlighting] = useState<number | null>(null);

  if (review.isPending) return <Skeleton className="h-96 w-full" />;
  if (!review.data) return <p className="text-sm text-slate-600">{t("notFound")}</p>;
  const data = review.data;
  const editable = mode === "review" && data.status === "DRAFT" && data.reviewer.id === viewerId;
  const backHref = mode === "review" ? "/qa/reviews" : "/qa/my-reviews";

  return (
    <div className="space-y-4" data-testid="qa-review" data-review-id={data.id}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <Link href={backHref} className="text-primary-700 text-sm hover:underline">
            ← {mode === "review" ? t("title") : t("mine.title")}
          </Link>
          <h1 className="text-xl font-semibold text-slate-900">{t("heading", { id: data.conversation.id, customer: data.conversation.customer.name })}</h1>
          <p className="text-sm text-slate-600">
            {t("people", { agent: data.agent.name, reviewer: data.reviewer.name })} · {data.scorecard.name}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <ReviewStatusBadge status={data.status} />
          {data.isCalibration ? <Badge variant="neutral">{t("calibration")}</Badge> : null}
          <div className="text-right" data-testid="qa-review-total">
            <div className="text-xs text-slate-500">{t("fields.total")}</div>
            <div className="text-2xl font-semibold text-slate-900 tabular-nums">{formatScore(data.total)}</div>
          </div>
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(320px,420px)]">
        <Transcript review={data} editable={editable} highlighting={highlighting} setHighlighting={setHighlighting} />
        <div className="space-y-4">
          {editable ? <ScorecardForm review={data} /> : <ScoreSummary review={data} />}
          {mode === "feedback" && data.agent.id === viewerId ? <AgentActions review={data} /> : null}
          <Disputes review={data} canSettle={mode === "review" && (data.reviewer.id === viewerId || canSettleAny)} />
        </div>
      </div>
    </div>
  );
}

function useRefreshReview() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.qa.pathKey() });
}

function Transcript({
  review,
  editable,
  highlighting,
  setHighlighting,
}: {
  review: Review;
  editable: boolean;
  highlighting: number | null;
  setHighlighting: (id: number | null) => void;
}) {
  const t = useTranslations("qaReviews");
  const flags = review.flags.flags;
  const byMessage = new Map<number, ConversationFlag[]>();
  for (const flag of flags) if (flag.messageId !== null) byMessage.set(flag.messageId, [...(byMessage.get(flag.messageId) ?? []), flag]);
  const highlights = new Map(review.highlights.map((h) => [h.messageId, h]));
  return (
    <section className="min-w-0 rounded-lg border border-slate-200 bg-white" aria-label={t("transcript")}>
      <AutoQaSummary flags={{ checkedAt: review.flags.checkedAt, all: flags, byMessage }} />
      <ol className="space-y-3 p-3" data-testid="qa-transcript">
        {review.conversation.messages.map((message) => (
          <li key={message.id}>
            <TranscriptLine
              message={message}
              customerName={review.conversation.customer.name}
              flags={byMessage.get(message.id)}
              highlight={highlights.get(message.id)}
              reviewId={review.id}
              editable={editable}
              open={highlighting === message.id}
              setOpen={(open) => setHighlighting(open ? message.id : null)}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}

function TranscriptLine({
  message,
  customerName,
  flags,
  highlight,
  reviewId,
  editable,
  open,
  setOpen,
}: {
  message: Message;
  customerName: string;
  flags: ConversationFlag[] | undefined;
  highlight: { comment: string } | undefined;
  reviewId: number;
  editable: boolean;
  open: boolean;
  setOpen: (open: boolean) => void;
}) {
  const t = useTranslations("qaReviews");
  const tw = useTranslations("workspace");
  const format = useFormatter();
  const at = new Date(message.createdAt);
  const time = format.dateTime(at, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  if (message.kind === "EVENT" || message.senderType === "SYSTEM") {
    return (
      <div className="flex justify-center" data-kind="system">
        <span className="rounded-full bg-slate-100 px-3 py-1 text-xs text-slate-600">
          {systemText(tw, message.body)} · {time}
        </span>
      </div>
    );
  }
  const note = message.kind === "NOTE";
  const name =
    message.senderType === "CUSTOMER" ? customerName : message.senderType === "BOT" ? tw("sender.BOT") : (message.sender?.name ?? tw("sender.AGENT"));
  return (
    <div
      className={cn("space-y-1 rounded-md p-2", highlight && "bg-amber-50 ring-1 ring-amber-300")}
      data-message-id={message.id}
      data-kind={note ? "note" : message.senderType.toLowerCase()}
    >
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <span className="font-medium">{name}</span>
        {note ? <Badge variant="warning">{tw("noteLabel")}</Badge> : null}
        <time dateTime={at.toISOString()}>{time}</time>
        {editable ? (
          <Button size="sm" variant="ghost" className="ml-auto h-6 px-2 text-xs" onClick={() => setOpen(!open)} aria-expanded={open}>
            {highlight ? t("highlight.edit") : t("highlight.add")}
          </Button>
        ) : null}
      </div>
      <div
        className={cn(
          "rounded-lg px-3 py-2 text-sm break-words whitespace-pre-wrap",
          note
            ? "border border-amber-300 bg-amber-50 text-amber-900"
            : message.senderType === "CUSTOMER"
              ? "bg-slate-100 text-slate-900"
              : "bg-primary-50 text-slate-900",
        )}
      >
        {flags ? <FlaggedText text={message.body} flags={flags} /> : message.body}
      </div>
      {flags ? <MessageFlags flags={flags} /> : null}
      {highlight && !open ? (
        <p className="text-sm text-amber-900" data-testid="qa-highlight">
          <span className="font-medium">{t("highlight.label")}</span>
          {highlight.comment}
        </p>
      ) : null}
      {open ? <HighlightEditor reviewId={reviewId} messageId={message.id} initial={highlight?.comment ?? ""} onDone={() => setOpen(false)} /> : null}
    </div>
  );
}

function HighlightEditor({ reviewId, messageId, initial, onDone }: { reviewId: number; messageId: number; initial: string; onDone: () => void }) {
  const t = useTranslations("qaReviews");
  const trpc = useTRPC();
  const refresh = useRefreshReview();
  const { run, fieldErrors } = useMutationFeedback();
  const [comment, setComment] = useState(initial);
  const save = useMutation(trpc.qa.highlightMessage.mutationOptions());
  const remove = useMutation(trpc.qa.removeHighlight.mutationOptions());

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await run(() => save.mutateAsync({ reviewId, messageId, comment }), {
      success: t("highlight.saved"),
      onSuccess: async () => {
        await refresh();
        onDone();
      },
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-2" noValidate>
      <Field label={t("highlight.comment")} htmlFor={`qa-highlight-${messageId}`} error={fieldErrors.comment}>
        <Textarea
          rows={2}
          autoFocus
          value={comment}
          maxLength={QA_COMMENT_MAX}
          onChange={(e) => setComment(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") onDone();
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void onSubmit(e);
          }}
        />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" loading={save.isPending}>
          {t("highlight.save")}
        </Button>
        {initial ? (
          <Button
            type="button"
            size="sm"
            variant="outline"
            loading={remove.isPending}
            onClick={() =>
              void run(() => remove.mutateAsync({ reviewId, messageId }), {
                onSuccess: async () => {
                  await refresh();
                  onDone();
                },
              })
            }
          >
            {t("highlight.remove")}
          </Button>
        ) : null}
        <Button type="button" size="sm" variant="ghost" onClick={onDone}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

/** criteria by group (准确性, 专业性 …), in the scorecard's order */
function groupsOf(criteria: Criterion[]): [string, Criterion[]][] {
  const groups = new Map<string, Criterion[]>();
  for (const criterion of criteria) groups.set(criterion.groupName ?? "", [...(groups.get(criterion.groupName ?? "") ?? []), criterion]);
  return [...groups];
}

function ScoreSelect({
  criterion,
  value,
  onChange,
  id,
  allowEmpty,
}: {
  criterion: Criterion;
  value: ScoreValue;
  onChange: (value: ScoreValue) => void;
  id: string;
  allowEmpty: boolean;
}) {
  const t = useTranslations("qaReviews");
  const passFail = criterion.minScore === 0 && criterion.maxScore === 1;
  const steps = Array.from({ length: criterion.maxScore - criterion.minScore + 1 }, (_, i) => criterion.maxScore - i);
  return (
    <NativeSelect id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-label={criterion.name}>
      {allowEmpty ? <option value="">{t("score.unscored")}</option> : null}
      {steps.map((step) => (
        <option key={step} value={step}>
          {passFail ? t(step === 1 ? "score.pass" : "score.fail") : t("score.points", { score: step, max: criterion.maxScore })}
        </option>
      ))}
      {criterion.naAllowed ? <option value="na">{t("score.na")}</option> : null}
    </NativeSelect>
  );
}

function CriterionHeading({ criterion }: { criterion: Criterion }) {
  const t = useTranslations("qaReviews");
  return (
    <div className="space-y-0.5">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900">{criterion.name}</span>
        <span className="text-xs text-slate-500">{t("weight", { weight: criterion.weight })}</span>
        {criterion.critical ? <Badge variant="danger">{t("critical")}</Badge> : null}
      </div>
      {criterion.description ? <p className="text-xs text-slate-500">{criterion.description}</p> : null}
    </div>
  );
}

/** The inspector's scorecard: a score (or N/A) and a comment per criterion, the advice, draft or submit. */
function ScorecardForm({ review }: { review: Review }) {
  const t = useTranslations("qaReviews");
  const trpc = useTRPC();
  const refresh = useRefreshReview();
  const { run, fieldErrors } = useMutationFeedback();
  const [scores, setScores] = useState<Record<number, ScoreValue>>({});
  const [comments, setComments] = useState<Record<number, string>>({});
  const [advice, setAdvice] = useState("");
  const save = useMutation(trpc.qa.saveReviewDraft.mutationOptions());
  const submit = useMutation(trpc.qa.submitReview.mutationOptions());

  useEffect(() => {
    setScores(Object.fromEntries(review.scores.map((s) => [s.criterionId, toValue(s.score)])));
    setComments(Object.fromEntries(review.scores.map((s) => [s.criterionId, s.comment ?? ""])));
    setAdvice(review.comment ?? "");
  }, [review]);

  const input = () => ({
    id: review.id,
    advice,
    scores: review.criteria
      .filter((c) => (scores[c.id] ?? "") !== "")
      .map((c) => ({ criterionId: c.id, score: fromValue(scores[c.id]!), comment: comments[c.id] || null })),
  });

  async function onSaveDraft() {
    await run(() => save.mutateAsync(input()), { success: t("draftSaved"), onSuccess: refresh });
  }

  async function onSubmit(event?: FormEvent) {
    event?.preventDefault();
    await run(() => submit.mutateAsync(input()), { success: t("submitted"), onSuccess: refresh });
  }

  function onKeyDown(event: KeyboardEvent) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      void onSaveDraft();
    } else if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      void onSubmit();
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      aria-label={t("scorecard")}
    >
      {groupsOf(review.criteria).map(([group, criteria]) => (
        <fieldset key={group} className="space-y-3">
          {group ? <legend className="text-sm font-semibold text-slate-700">{group}</legend> : null}
          {criteria.map((criterion) => (
            <div key={criterion.id} className="space-y-2 border-b border-slate-100 pb-3 last:border-0" data-criterion-id={criterion.id}>
              <CriterionHeading criterion={criterion} />
              <Field label={t("score.label")} htmlFor={`qa-score-${criterion.id}`} error={fieldErrors[`criterion.${criterion.id}`]}>
                <ScoreSelect
                  id={`qa-score-${criterion.id}`}
                  criterion={criterion}
                  value={scores[criterion.id] ?? ""}
                  onChange={(value) => setScores({ ...scores, [criterion.id]: value })}
                  allowEmpty
                />
              </Field>
              <Input
                aria-label={t("criterionComment", { name: criterion.name })}
                placeholder={t("criterionCommentPlaceholder")}
                value={comments[criterion.id] ?? ""}
                maxLength={QA_COMMENT_MAX}
                onChange={(e) => setComments({ ...comments, [criterion.id]: e.target.value })}
              />
            </div>
          ))}
        </fieldset>
      ))}
      <Field label={t("advice")} htmlFor="qa-advice" error={fieldErrors.advice}>
        <Textarea rows={3} value={advice} maxLength={QA_ADVICE_MAX} onChange={(e) => setAdvice(e.target.value)} />
      </Field>
      <p className="text-xs text-slate-500">{t("keyboardHint")}</p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" onClick={() => void onSaveDraft()} loading={save.isPending}>
          {t("saveDraft")}
        </Button>
        <Button type="submit" loading={submit.isPending}>
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}

/** A submitted review as read: each criterion's score and comment, and the advice. */
function ScoreSummary({ review }: { review: Review }) {
  const t = useTranslations("qaReviews");
  const scores = new Map(review.scores.map((s) => [s.criterionId, s]));
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label={t("scorecard")} data-testid="qa-scores">
      {groupsOf(review.criteria).map(([group, criteria]) => (
        <div key={group} className="space-y-2">
          {group ? <h3 className="text-sm font-semibold text-slate-700">{group}</h3> : null}
          {criteria.map((criterion) => {
            const given = scores.get(criterion.id);
            return (
              <div key={criterion.id} className="flex items-start justify-between gap-3" data-criterion-id={criterion.id}>
                <div className="min-w-0">
                  <CriterionHeading criterion={criterion} />
                  {given?.comment ? <p className="text-sm text-slate-700">{given.comment}</p> : null}
                </div>
                <span className="shrink-0 font-medium text-slate-900 tabular-nums" data-testid="qa-criterion-score">
                  {given === undefined ? "—" : given.score === null ? t("score.na") : `${given.score}/${criterion.maxScore}`}
                </span>
              </div>
            );
          })}
        </div>
      ))}
      <div className="border-t border-slate-100 pt-3">
        <h3 className="text-sm font-semibold text-slate-700">{t("advice")}</h3>
        <p className="text-sm whitespace-pre-wrap text-slate-800" data-testid="qa-advice">
          {review.comment || "—"}
        </p>
      </div>
    </section>
  );
}

/** The reviewed agent: acknowledge (确认) or dispute (申诉) with a reason and the scores they propose. */
function AgentActions({ review }: { review: Review }) {
  const t = useTranslations("qaReviews");
  const trpc = useTRPC();
  const refresh = useRefreshReview();
  const { run, fieldErrors } = useMutationFeedback();
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState("");
  const [proposed, setProposed] = useState<Record<number, ScoreValue>>({});
  const acknowledge = useMutation(trpc.qa.acknowledgeReview.mutationOptions());
  const dispute = useMutation(trpc.qa.disputeReview.mutationOptions());
  const current = new Map(review.scores.map((s) => [s.criterionId, toValue(s.score)]));

  if (review.status === "FINAL")
    return (
      <p className="text-sm text-slate-600" data-testid="qa-acknowledged">
        {t("acknowledged")}
      </p>
    );
  if (review.status !== "SUBMITTED") return null;
  const canDispute = review.disputes.length === 0;

  async function onDispute(event: FormEvent) {
    event.preventDefault();
    const proposedScores = review.criteria
      .filter((c) => proposed[c.id] !== undefined && proposed[c.id] !== current.get(c.id))
      .map((c) => ({ criterionId: c.id, score: fromValue(proposed[c.id]!) }));
    await run(() => dispute.mutateAsync({ id: review.id, reason, proposedScores }), {
      success: t("dispute.sent"),
      onSuccess: async () => {
        setDisputing(false);
        await refresh();
      },
    });
  }

  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label={t("yourResponse")}>
      <div className="flex flex-wrap gap-2">
        <Button
          loading={acknowledge.isPending}
          onClick={() => void run(() => acknowledge.mutateAsync({ id: review.id }), { success: t("acknowledgedNotice"), onSuccess: refresh })}
        >
          {t("acknowledge")}
        </Button>
        {canDispute ? (
          <Button variant="outline" onClick={() => setDisputing(!disputing)} aria-expanded={disputing}>
            {t("dispute.open")}
          </Button>
        ) : null}
      </div>
      {disputing ? (
        <form onSubmit={onDispute} noValidate className="space-y-3" aria-label={t("dispute.title")}>
          <Field label={t("dispute.reason")} htmlFor="qa-dispute-reason" error={fieldErrors.reason} required>
            <Textarea rows={3} value={reason} maxLength={QA_REASON_MAX} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <p className="text-xs text-slate-500">{t("dispute.proposeHint")}</p>
          {review.criteria.map((criterion) => (
            <Field
              key={criterion.id}
              label={criterion.name}
              htmlFor={`qa-propose-${criterion.id}`}
              error={
                fieldErrors[`criterion.${criterion.id}`] ??
                (fieldErrors.proposedScores && criterion === review.criteria[0] ? fieldErrors.proposedScores : undefined)
              }
            >
              <ScoreSelect
                id={`qa-propose-${criterion.id}`}
                criterion={criterion}
                value={proposed[criterion.id] ?? current.get(criterion.id) ?? ""}
                onChange={(value) => setProposed({ ...proposed, [criterion.id]: value })}
                allowEmpty={false}
              />
            </Field>
          ))}
          <Button type="submit" loading={dispute.isPending}>
            {t("dispute.send")}
          </Button>
        </form>
      ) : null}
    </section>
  );
}

const DISPUTE_BADGE = { OPEN: "warning", ACCEPTED: "success", ADJUSTED: "info", REJECTED: "neutral" } as const;

/** The dispute and its history; the reviewer (or a QA lead) settles an open one. */
function Disputes({ review, canSettle }: { review: Review; canSettle: boolean }) {
  const t = useTranslations("qaReviews");
  const format = useFormatter();
  if (!review.disputes.length) return null;
  const names = new Map(review.criteria.map((c) => [c.id, c]));
  const scoreText = (list: unknown) =>
    (Array.isArray(list) ? (list as { criterionId: number; score: number | null }[]) : [])
      .map((s) => `${names.get(s.criterionId)?.name ?? s.criterionId} ${s.score === null ? t("score.na") : s.score}`)
      .join("，");
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label={t("dispute.title")} data-testid="qa-disputes">
      <h2 className="text-sm font-semibold text-slate-700">{t("dispute.title")}</h2>
      {review.disputes.map((dispute) => (
        <div key={dispute.id} className="space-y-1 text-sm" data-dispute-id={dispute.id}>
          <div className="flex flex-wrap items-center gap-2">
            <Badge variant={DISPUTE_BADGE[dispute.status]}>{t(`dispute.status.${dispute.status}`)}</Badge>
            <span className="text-xs text-slate-500">
              {dispute.raisedBy.name} · {format.dateTime(new Date(dispute.createdAt), { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" })}
            </span>
          </div>
          <p className="whitespace-pre-wrap text-slate-800">{dispute.reason}</p>
          <p className="text-slate-600">{t("dispute.proposed", { scores: scoreText(dispute.proposedScores) })}</p>
          {dispute.resolvedAt ? (
            <p className="text-slate-600">
              {t("dispute.outcome", {
                name: dispute.resolvedBy?.name ?? "—",
                before: formatScore(dispute.previousTotal),
                after: formatScore(dispute.resolvedTotal),
              })}
              {dispute.resolution ? ` ${dispute.resolution}` : ""}
            </p>
          ) : canSettle ? (
            <SettleForm review={review} disputeId={dispute.id} />
          ) : null}
        </div>
      ))}
    </section>
  );
}

function SettleForm({ review, disputeId }: { review: Review; disputeId: number }) {
  const t = useTranslations("qaReviews");
  const trpc = useTRPC();
  const refresh = useRefreshReview();
  const { run, fieldErrors } = useMutationFeedback();
  const [outcome, setOutcome] = useState<"ACCEPT" | "ADJUST" | "REJECT">("ACCEPT");
  const [resolution, setResolution] = useState("");
  const current = new Map(review.scores.map((s) => [s.criterionId, toValue(s.score)]));
  const [adjusted, setAdjusted] = useState<Record<number, ScoreValue>>({});
  const resolve = useMutation(trpc.qa.resolveDispute.mutationOptions());

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const scores =
      outcome === "ADJUST"
        ? review.criteria
            .filter((c) => adjusted[c.id] !== undefined && adjusted[c.id] !== current.get(c.id))
            .map((c) => ({ criterionId: c.id, score: fromValue(adjusted[c.id]!) }))
        : undefined;
    await run(() => resolve.mutateAsync({ disputeId, outcome, resolution, scores }), { success: t("dispute.settled"), onSuccess: refresh });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 border-t border-slate-100 pt-3" aria-label={t("dispute.settle")}>
      <Field label={t("dispute.decision")} htmlFor="qa-settle-outcome">
        <NativeSelect value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
          {(["ACCEPT", "ADJUST", "REJECT"] as const).map((value) => (
            <option key={value} value={value}>
              {t(`dispute.outcomes.${value}`)}
            </option>
          ))}
        </NativeSelect>
      </Field>
      {outcome === "ADJUST"
        ? review.criteria.map((criterion) => (
            <Field
              key={criterion.id}
              label={criterion.name}
              htmlFor={`qa-adjust-${criterion.id}`}
              error={fieldErrors[`criterion.${criterion.id}`] ?? (criterion === review.criteria[0] ? fieldErrors.scores : undefined)}
            >
              <ScoreSelect
                id={`qa-adjust-${criterion.id}`}
                criterion={criterion}
                value={adjusted[criterion.id] ?? current.get(criterion.id) ?? ""}
                onChange={(value) => setAdjusted({ ...adjusted, [criterion.id]: value })}
                allowEmpty={false}
              />
            </Field>
          ))
        : null}
      <Field label={t("dispute.resolution")} htmlFor="qa-settle-resolution" error={fieldErrors.resolution} required={outcome === "REJECT"}>
        <Textarea rows={2} value={resolution} maxLength={QA_REASON_MAX} onChange={(e) => setResolution(e.target.value)} />
      </Field>
      <Button type="submit" loading={resolve.isPending}>
        {t("dispute.settle")}
      </Button>
    </form>
  );
}
