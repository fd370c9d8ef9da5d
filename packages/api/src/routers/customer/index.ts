import { router } from "../../trpc.ts";
import { customerListProcedures } from "./list.ts";

export const customerRouter = router({ ...customerListProcedures });
