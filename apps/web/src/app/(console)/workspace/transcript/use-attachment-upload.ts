"use client";

import { toast } from "@kefu/ui/toast";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";

export interface UploadingFile {
  clientId: string;
  name: string;
}

/**
 * The agent's files on their way: posted to `/api/attachments` (session cookie) as a reply, shown as pending until
 * stored; the transcript then fills the gap as for any message. A refused file (type, content, size) is said in a toast.
 */
export function useAttachmentUpload({ conversationId, fillGap, onChanged }: { conversationId: number; fillGap: () => Promise<void>; onChanged: () => void }) {
  const t = useTranslations("messaging");
  const [uploading, setUploading] = useState<UploadingFile[]>([]);

  const upload = useCallback(
    async (file: File) => {
      const clientId = crypto.randomUUID();
      setUploading((current) => [...current, { clientId, name: file.name }]);
      const form = new FormData();
      form.set("conversationId", String(conversationId));
      form.set("clientId", clientId);
      form.set("file", file);
      try {
        const response = await fetch("/api/attachments", { method: "POST", body: form });
        if (!response.ok) {
          const data = (await response.json().catch(() => ({}))) as { error?: { field?: string } };
          toast({ title: data.error?.field === "file" ? t("fileRefused") : t("uploadFailed"), variant: "error" });
          return;
        }
        await fillGap();
        onChanged();
      } catch {
        toast({ title: t("uploadFailed"), variant: "error" });
      } finally {
        setUploading((current) => current.filter((u) => u.clientId !== clientId));
      }
    },
    [conversationId, fillGap, onChanged, t],
  );

  return { uploading, upload };
}
