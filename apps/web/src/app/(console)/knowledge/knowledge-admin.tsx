"use client";

import { Button } from "@kefu/ui/button";
import { PageHeader } from "@kefu/ui/page-header";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@kefu/ui/tabs";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { AnswerFeedbackList } from "./answer-feedback-list";
import { ArticleEditorDialog, type EditorTarget } from "./article-editor-dialog";
import { ArticleList } from "./article-list";
import { TryBot } from "./try-bot";
import { UnansweredList } from "./unanswered-list";

export function KnowledgeAdmin({ canEditBotSettings }: { canEditBotSettings: boolean }) {
  const t = useTranslations("knowledgeAdmin");
  const trpc = useTRPC();
  const categories = useQuery(trpc.knowledge.listCategories.queryOptions());
  const [editor, setEditor] = useState<EditorTarget | null>(null);
  const [tab, setTab] = useState("articles");

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} actions={<Button onClick={() => setEditor({ mode: "create" })}>{t("create")}</Button>} />
      <TryBot
        canEditBotSettings={canEditBotSettings}
        onEdit={(id) => setEditor({ mode: "edit", id })}
        onCreate={(title) => setEditor({ mode: "create", title })}
      />
      <Tabs value={tab} onValueChange={setTab}>
        <TabsList aria-label={t("title")}>
          <TabsTrigger value="articles">{t("tabArticles")}</TabsTrigger>
          <TabsTrigger value="unanswered">{t("tabUnanswered")}</TabsTrigger>
          <TabsTrigger value="feedback">{t("tabFeedback")}</TabsTrigger>
        </TabsList>
        <TabsContent value="articles">
          <ArticleList categories={categories.data ?? []} onCreate={() => setEditor({ mode: "create" })} onEdit={(id) => setEditor({ mode: "edit", id })} />
        </TabsContent>
        <TabsContent value="unanswered">
          <UnansweredList
            onWriteArticle={(question) => setEditor({ mode: "create", title: question.question, fromQuestionId: question.id })}
            onOpenArticle={(id) => setEditor({ mode: "edit", id })}
          />
        </TabsContent>
        <TabsContent value="feedback">
          <AnswerFeedbackList onOpenArticle={(id) => setEditor({ mode: "edit", id })} />
        </TabsContent>
      </Tabs>
      <ArticleEditorDialog target={editor} categories={categories.data ?? []} onClose={() => setEditor(null)} />
    </div>
  );
}
