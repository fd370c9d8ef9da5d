-- Customer presence (widget heartbeats and leave signals) and the idle reminder / auto-end of a conversation.
-- AlterTable
ALTER TABLE `Conversation` ADD COLUMN `customerSeenAt` DATETIME(3) NULL,
    ADD COLUMN `customerLeftAt` DATETIME(3) NULL,
    ADD COLUMN `customerGoneAt` DATETIME(3) NULL,
    ADD COLUMN `customerReturnedAt` DATETIME(3) NULL,
    ADD COLUMN `idleRemindedAt` DATETIME(3) NULL;
