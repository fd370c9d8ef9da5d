import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WorkspaceScreen } from "./workspace-screen";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("workspace"))("title") };
}

export default function WorkspacePage() {
  return <WorkspaceScreen conversationId={null} />;
}
