import { alertRouter } from "./routers/alert.ts";
import { auditRouter } from "./routers/audit.ts";
import { authRouter } from "./routers/auth.ts";
import { cannedReplyRouter } from "./routers/canned-reply.ts";
import { conversationRouter } from "./routers/conversation.ts";
import { crmRouter } from "./routers/crm.ts";
import { customerRouter } from "./routers/customer/index.ts";
import { integrationRouter } from "./routers/integration.ts";
import { homeRouter } from "./routers/home.ts";
import { jobRouter } from "./routers/job.ts";
import { knowledgeRouter } from "./routers/knowledge.ts";
import { pushRouter } from "./routers/push.ts";
import { qaRouter } from "./routers/qa.ts";
import { routingRouter } from "./routers/routing.ts";
import { monitorRouter } from "./routers/monitor.ts";
import { reportRouter } from "./routers/report.ts";
import { settingsRouter } from "./routers/settings.ts";
import { teamRouter } from "./routers/team.ts";
import { ticketRouter } from "./routers/ticket.ts";
import { userRouter } from "./routers/user.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  auth: authRouter,
  user: userRouter,
  team: teamRouter,
  audit: auditRouter,
  settings: settingsRouter,
  job: jobRouter,
  knowledge: knowledgeRouter,
  conversation: conversationRouter,
  integration: integrationRouter,
  push: pushRouter,
  monitor: monitorRouter,
  report: reportRouter,
  alert: alertRouter,
  home: homeRouter,
  routing: routingRouter,
  cannedReply: cannedReplyRouter,
  qa: qaRouter,
  customer: customerRouter,
  ticket: ticketRouter,
  crm: crmRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
