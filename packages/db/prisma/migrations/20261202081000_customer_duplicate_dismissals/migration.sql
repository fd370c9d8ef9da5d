-- CreateTable
CREATE TABLE `CustomerDuplicateDismissal` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `reason` VARCHAR(16) NOT NULL,
    `memberKey` VARCHAR(191) NOT NULL,
    `dismissedById` INTEGER NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `CustomerDuplicateDismissal_reason_memberKey_key`(`reason`, `memberKey`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
