-- AlterTable
ALTER TABLE `CannedReply` ADD COLUMN `category` VARCHAR(32) NOT NULL DEFAULT '',
    ADD COLUMN `sortOrder` INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE `Customer` ADD COLUMN `visitorNo` INTEGER NULL,
    ADD COLUMN `device` VARCHAR(64) NULL,
    ADD COLUMN `pageUrl` VARCHAR(500) NULL;

-- CreateIndex
CREATE UNIQUE INDEX `Customer_visitorNo_key` ON `Customer`(`visitorNo`);

