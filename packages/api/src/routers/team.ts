import { permissionProcedure, router } from "../trpc.ts";
import { createTeam, deleteTeam, getTeam, listTeams, setTeamMembers, updateTeam } from "../services/team/teams.ts";
import { teamCreateInput, teamIdInput, teamSetMembersInput, teamUpdateInput } from "../contracts/team.ts";

const manage = permissionProcedure("team.manage").meta({ auditTarget: "Team" });

export const teamRouter = router({
  list: permissionProcedure("team.read").query(({ ctx }) => listTeams(ctx.db)),
  get: permissionProcedure("team.read")
    .input(teamIdInput)
    .query(({ ctx, input }) => getTeam(ctx.db, input.id)),
  create: manage.input(teamCreateInput).mutation(({ ctx, input }) => createTeam(ctx.db, input)),
  update: manage.input(teamUpdateInput).mutation(({ ctx, input }) => updateTeam(ctx.db, input)),
  setMembers: manage.input(teamSetMembersInput).mutation(({ ctx, input }) => setTeamMembers(ctx.db, input)),
  delete: manage.input(teamIdInput).mutation(({ ctx, input }) => deleteTeam(ctx.db, input.id)),
});
