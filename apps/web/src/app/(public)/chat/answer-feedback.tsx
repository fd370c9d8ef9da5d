"use client";

import { KB_FEEDBACK_REASONS, type KbFeedbackReason } from "@kefu/api/contracts/knowledge";
import { cn } from "@kefu/ui/cn";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { call, type AnswerRating } from "./widget-api";

/**
 * 有帮助 / 没帮助 under a bot answer from the knowledge base; after 没帮助 the visitor may say why. A rating can be
 * changed; the last one counts.
 */
export function AnswerFeedback({ messageId, initial, token }: { messageId: number; initial: AnswerRating | null; token: string | null }) {
  const t = useTranslations("widget.answerFeedback");
  const [rating, setRating] = useState<AnswerRating | null>(initial);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  async function rate(next: AnswerRating) {
    if (busy) return;
    const previous = rating;
    setRating(next);
    setFailed(false);
    setBusy(true);
    try {
      await call("/api/v1/widget/feedback", token, { json: { messageId, ...next } });
    } catch {
      setRating(previous);
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  const choice = (helpful: boolean, label: string) => (
    <button
      type="button"
      aria-pressed={rating?.helpful === helpful}
      disabled={busy}
      onClick={() => void rate({ helpful, reason: null })}
      className={cn(
        "rounded-full border px-2 py-0.5 text-[11px] transition-colors",
        rating?.helpful === helpful ? "border-primary-600 bg-primary-50 text-primary-700" : "border-slate-200 bg-white text-slate-600 hover:bg-slate-50",
      )}
    >
      {label}
    </button>
  );

  return (
    <div className="flex max-w-[80%] flex-col gap-1" data-testid="answer-feedback">
      <div className="flex flex-wrap items-center gap-1.5 text-[11px] text-slate-500">
        {rating ? <span role="status">{t("thanks")}</span> : <span>{t("question")}</span>}
        {choice(true, t("helpful"))}
        {choice(false, t("unhelpful"))}
      </div>
      {rating?.helpful === false && (
        <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label={t("why")}>
          <span className="text-[11px] text-slate-500">{t("why")}</span>
          {KB_FEEDBACK_REASONS.map((reason: KbFeedbackReason) => (
            <button
              key={reason}
              type="button"
              aria-pressed={rating.reason === reason}
              disabled={busy}
              onClick={() => void rate({ helpful: false, reason })}
              className={cn(
                "rounded-full border px-2 py-0.5 text-[11px]",
                rating.reason === reason ? "border-primary-600 bg-primary-50 text-primary-700" : "border-slate-200 bg-white text-slate-600 hover:bg-slate-50",
              )}
            >
              {t(`reasons.${reason}`)}
            </button>
          ))}
        </div>
      )}
      {failed && (
        <span className="text-[11px] text-red-700" role="alert">
          {t("failed")}
        </span>
      )}
    </div>
  );
}
