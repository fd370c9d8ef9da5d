import { router } from "../../trpc.ts";
import { customerDataProcedures } from "./data.ts";

export const customerRouter = router({ ...customerDataProcedures });
