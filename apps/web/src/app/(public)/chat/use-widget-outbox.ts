"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { OrderedOutbox } from "~/lib/ordered-outbox";
import type { WidgetSession } from "./use-widget-session";
import { ApiError, call, uploadAttachment, type WidgetMessage } from "./widget-api";

export interface Pending {
  clientId: string;
  body: string;
  /** waiting: held until the network is back (it goes by itself); failed: refused, with a retry */
  state: "sending" | "waiting" | "failed";
  /** a file on its way (the body is its name) */
  file?: File;
}

export interface Contact {
  name: string;
  phone: string;
}

/** a send that has not been answered in this time is given up and tried again */
const SEND_TIMEOUT_MS = 10_000;

interface QueuedText {
  clientId: string;
  body: string;
  intentId?: number;
}

/** No network, the server restarting or too many messages: worth sending again. */
function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status >= 500 || error.code === "RATE_LIMITED";
}

/**
 * The visitor's messages on their way: shown at once, sent one after the other in the order written (lib/ordered-outbox:
 * on a flaky connection they wait and go by themselves when it is back), and dropped when the list has them; a refused
 * one stays with a retry. The first message of a conversation carries the contact details and the embed's team.
 */
export function useWidgetOutbox(session: WidgetSession, { teamId, contact, pageUrl }: { teamId: number | null; contact: Contact; pageUrl: string | null }) {
  const t = useTranslations("widget");
  const tm = useTranslations("messaging");
  const { tokenRef, conversationIdRef, fetchNew, refreshState, messages } = session;
  const [pending, setPending] = useState<Pending[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  const deliver = useCallback(
    async ({ clientId, body, intentId }: QueuedText) => {
      if (!tokenRef.current) return;
      const first = conversationIdRef.current === null;
      const json = {
        clientId,
        body,
        ...(intentId ? { intentId } : {}),
        ...(first && contact.name.trim() ? { name: contact.name.trim() } : {}),
        ...(first && contact.phone.trim() ? { phone: contact.phone.trim() } : {}),
        ...(first && pageUrl ? { pageUrl } : {}),
      };
      // a request stuck on a dead connection is given up and sent again (the client id keeps it stored once)
      const post = (team: number | null) =>
        call<{ conversationId: number }>("/api/v1/widget/messages", tokenRef.current, {
          json: team && first ? { ...json, teamId: team } : json,
          timeoutMs: SEND_TIMEOUT_MS,
        });
      const result = await post(teamId).catch((error: unknown) => {
        // an embed naming a team that no longer exists still lets the customer chat, with the default team
        if (error instanceof ApiError && error.field === "teamId") return post(null);
        // a menu choice the admins have since withdrawn: the text still goes, routed by the other rules
        if (error instanceof ApiError && error.field === "intentId")
          return call<{ conversationId: number }>("/api/v1/widget/messages", tokenRef.current, {
            json: { ...json, intentId: undefined },
            timeoutMs: SEND_TIMEOUT_MS,
          });
        throw error;
      });
      if (result.conversationId !== conversationIdRef.current) await refreshState();
      await fetchNew();
      await refreshState();
    },
    [contact, fetchNew, refreshState, teamId, pageUrl, tokenRef, conversationIdRef],
  );

  const [outbox] = useState(
    () =>
      new OrderedOutbox<QueuedText>({
        deliver: () => Promise.resolve(),
        isTransient,
        onState: (clientId, state, error) => {
          if (error instanceof ApiError && error.code === "RATE_LIMITED") setNotice(t("rateLimited"));
          // the message is stored even when the list has not caught up yet
          if (state === "sent") setPending((current) => current.filter((p) => p.clientId !== clientId));
          else setPending((current) => current.map((p) => (p.clientId === clientId ? { ...p, state } : p)));
        },
      }),
  );
  useEffect(() => outbox.update({ deliver }), [outbox, deliver]);
  useEffect(() => {
    const resume = () => outbox.resume();
    window.addEventListener("online", resume);
    return () => {
      window.removeEventListener("online", resume);
      outbox.dispose();
    };
  }, [outbox]);

  const send = useCallback(
    /** `intentId`: the menu intent the visitor picked, sent with the text of their choice */
    (body: string, clientId: string, intentId?: number) => {
      if (!tokenRef.current) return;
      setNotice(null);
      setPending((current) => [...current.filter((p) => p.clientId !== clientId), { clientId, body, state: "sending" }]);
      outbox.enqueue({ clientId, body, intentId });
    },
    [outbox, tokenRef],
  );

  const sendFile = useCallback(
    async (file: File, clientId: string) => {
      if (!tokenRef.current) return;
      setNotice(null);
      setPending((current) => [...current.filter((p) => p.clientId !== clientId), { clientId, body: file.name, file, state: "sending" }]);
      try {
        const result = await uploadAttachment(tokenRef.current, file, clientId, conversationIdRef.current === null ? teamId : null);
        if (result.conversationId !== conversationIdRef.current) await refreshState();
        await fetchNew();
        await refreshState();
        setPending((current) => current.filter((p) => p.clientId !== clientId));
      } catch (error) {
        if (error instanceof ApiError && error.code === "RATE_LIMITED") setNotice(t("rateLimited"));
        else if (error instanceof ApiError && error.field === "file") {
          // refused for good (type, content, size): retrying would not help
          setNotice(tm("fileRefused"));
          setPending((current) => current.filter((p) => p.clientId !== clientId));
          return;
        } else setNotice(tm("uploadFailed"));
        setPending((current) => current.map((p) => (p.clientId === clientId ? { ...p, state: "failed" } : p)));
      }
    },
    [fetchNew, refreshState, t, tm, teamId, tokenRef, conversationIdRef],
  );

  return { pending: unseen(pending, messages), notice, setNotice, send, sendFile };
}

/** A message the list already has is no longer pending. */
function unseen(pending: Pending[], messages: WidgetMessage[]): Pending[] {
  if (pending.length === 0) return pending;
  const seen = new Set(messages.map((m) => m.clientId).filter(Boolean));
  return pending.filter((p) => !seen.has(p.clientId));
}
