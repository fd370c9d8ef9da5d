import { can } from "@kefu/api/permissions";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { serverCaller } from "~/server/trpc";
import { Workspace } from "./workspace";

/** The workspace page, at `/workspace` or opened on one conversation at `/workspace/c/[id]`. */
export async function WorkspaceScreen({ conversationId }: { conversationId: number | null }) {
  const { user, allowed } = await userWith("conversation.work");
  if (!allowed) return <Forbidden />;
  const api = await serverCaller();
  const me = await api.auth.me();
  return <Workspace userId={user.id} presence={me.presence} canSupervise={can(user.role, "conversation.supervise")} initialConversationId={conversationId} />;
}
