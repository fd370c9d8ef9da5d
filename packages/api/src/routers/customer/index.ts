import { router } from "../../trpc.ts";
import { customerProfileProcedures } from "./profile.ts";

export const customerRouter = router({ ...customerProfileProcedures });
