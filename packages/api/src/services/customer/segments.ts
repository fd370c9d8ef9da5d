/**
 * 分组 (segments): saved filters. Private to their author; `shared` ones are seen by everyone who may read customers,
 * and only `customer.manage` may share one or change a shared one.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { segmentCreateInput, segmentUpdateInput, type SegmentCreateInput, type SegmentUpdateInput } from "../../contracts/customer.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import { can } from "../../permissions.ts";
import type { Actor } from "../conversation/index.ts";
import { visibleCustomersWhere } from "./access.ts";
import { filterWhere, findUsableSegment, segmentFilter } from "./audience.ts";

function assertMaySetShared(actor: Actor, shared: boolean | undefined) {
  if (shared && !can(actor.role, "customer.manage")) throw new AppError("FORBIDDEN", { field: "shared" });
}

/** The author changes their private segment; a shared one is changed by managers only. */
async function findEditableSegment(db: Db, actor: Actor, id: number) {
  const segment = await findUsableSegment(db, actor, id, "id");
  if (segment.shared ? !can(actor.role, "customer.manage") : segment.createdById !== actor.id) throw new AppError("FORBIDDEN", { field: "id" });
  return segment;
}

export async function createSegment(db: Db, actor: Actor, rawInput: SegmentCreateInput) {
  const input = parseInput(segmentCreateInput, rawInput);
  assertMaySetShared(actor, input.shared);
  // an unknown custom field is refused now rather than making a segment that fails later
  await filterWhere(db, input.filter);
  return runUnitOfWork(db, (uow) =>
    uow.tx.segment.create({
      data: { name: input.name, rules: input.filter, shared: input.shared, createdById: actor.id },
      select: { id: true },
    }),
  );
}

export async function updateSegment(db: Db, actor: Actor, rawInput: SegmentUpdateInput) {
  const input = parseInput(segmentUpdateInput, rawInput);
  await findEditableSegment(db, actor, input.id);
  assertMaySetShared(actor, input.shared);
  if (input.filter) await filterWhere(db, input.filter);
  return runUnitOfWork(db, (uow) =>
    uow.tx.segment.update({
      where: { id: input.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.filter !== undefined ? { rules: input.filter } : {}),
        ...(input.shared !== undefined ? { shared: input.shared } : {}),
      },
      select: { id: true },
    }),
  );
}

export async function deleteSegment(db: Db, actor: Actor, input: { id: number }) {
  await findEditableSegment(db, actor, input.id);
  await runUnitOfWork(db, (uow) => uow.tx.segment.delete({ where: { id: input.id } }));
  return { id: input.id };
}

/** A segment naming a custom field deleted since matches nobody. */
async function countMatching(db: Db, visible: Prisma.CustomerWhereInput, filter: NonNullable<ReturnType<typeof segmentFilter>>): Promise<number> {
  try {
    return await db.customer.count({ where: { AND: [visible, await filterWhere(db, filter)] } });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return 0;
    throw error;
  }
}

/** The actor's own segments and the shared ones, each with how many customers the actor may see match it now. */
export async function listSegments(db: Db, actor: Actor) {
  const segments = await db.segment.findMany({
    where: { OR: [{ createdById: actor.id }, { shared: true }] },
    orderBy: [{ shared: "desc" }, { name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, rules: true, shared: true, createdById: true, createdBy: { select: { name: true } } },
  });
  const visible = await visibleCustomersWhere(db, actor);
  const mayManage = can(actor.role, "customer.manage");
  return Promise.all(
    segments.map(async ({ rules, createdBy, ...segment }) => {
      const filter = segmentFilter(rules);
      const count = filter ? await countMatching(db, visible, filter) : 0;
      return {
        ...segment,
        authorName: createdBy.name,
        filter,
        count,
        editable: segment.shared ? mayManage : segment.createdById === actor.id,
      };
    }),
  );
}
