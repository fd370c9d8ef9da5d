-- The id of the web request (or job) that enqueued a job, so the worker's log lines for it carry the same id.
-- Nullable: existing rows keep NULL and a release that does not know the column is unaffected.
ALTER TABLE `Job` ADD COLUMN `requestId` VARCHAR(64) NULL AFTER `createdById`;
