import { permissionProcedure, router } from "../trpc.ts";
import { jobCounts, listJobs, replayJob } from "../job-queue/queue.ts";
import { jobListInput, jobReplayInput } from "../contracts/job.ts";

export const jobRouter = router({
  list: permissionProcedure("jobs.manage")
    .input(jobListInput)
    .query(({ ctx, input }) => listJobs(ctx.db, input)),
  counts: permissionProcedure("jobs.manage").query(({ ctx }) => jobCounts(ctx.db)),
  replay: permissionProcedure("jobs.manage")
    .meta({ auditTarget: "Job" })
    .input(jobReplayInput)
    .mutation(({ ctx, input }) => replayJob(ctx.db, input.id)),
});
