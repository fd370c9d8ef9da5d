-- AlterTable
ALTER TABLE `KbFeedback` ADD COLUMN `messageId` INTEGER NULL,
    ADD COLUMN `reason` VARCHAR(32) NULL;

-- CreateIndex
CREATE UNIQUE INDEX `KbFeedback_messageId_key` ON `KbFeedback`(`messageId`);
