-- AlterTable
ALTER TABLE `Customer` ADD COLUMN `idNumberMask` VARCHAR(32) NULL,
    ADD COLUMN `ownerTeamId` INTEGER NULL,
    ADD COLUMN `mergedIntoId` INTEGER NULL,
    ADD COLUMN `erasedAt` DATETIME(3) NULL;

-- CreateIndex
CREATE INDEX `Customer_email_idx` ON `Customer`(`email`);
CREATE INDEX `Customer_ownerTeamId_idx` ON `Customer`(`ownerTeamId`);
CREATE INDEX `Customer_mergedIntoId_idx` ON `Customer`(`mergedIntoId`);
CREATE INDEX `Customer_conversationCount_idx` ON `Customer`(`conversationCount`);
CREATE INDEX `Customer_firstSeenAt_idx` ON `Customer`(`firstSeenAt`);

-- AlterTable
ALTER TABLE `CustomerIdentity` ADD COLUMN `unionId` VARCHAR(128) NULL;

-- CreateIndex
CREATE INDEX `CustomerIdentity_unionId_idx` ON `CustomerIdentity`(`unionId`);

-- AlterTable
ALTER TABLE `Segment` ADD COLUMN `shared` BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX `Segment_shared_idx` ON `Segment`(`shared`);

-- AlterTable
ALTER TABLE `Job` ADD COLUMN `progressDone` INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN `progressTotal` INTEGER NULL,
    ADD COLUMN `result` JSON NULL,
    ADD COLUMN `createdById` INTEGER NULL;

-- CreateIndex
CREATE INDEX `Job_createdById_createdAt_idx` ON `Job`(`createdById`, `createdAt`);

-- CreateTable
CREATE TABLE `CustomField` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `key` VARCHAR(64) NOT NULL,
    `label` VARCHAR(64) NOT NULL,
    `type` ENUM('TEXT', 'NUMBER', 'DATE', 'SELECT', 'MULTI_SELECT', 'LINK', 'CHECKBOX') NOT NULL,
    `options` JSON NULL,
    `required` BOOLEAN NOT NULL DEFAULT false,
    `pattern` VARCHAR(200) NULL,
    `sortOrder` INTEGER NOT NULL DEFAULT 0,
    `archivedAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `CustomField_key_key`(`key`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `CustomerFieldValue` (
    `customerId` INTEGER NOT NULL,
    `fieldId` INTEGER NOT NULL,
    `textValue` VARCHAR(191) NULL,
    `numberValue` DOUBLE NULL,
    `dateValue` DATETIME(3) NULL,
    `boolValue` BOOLEAN NULL,
    `optionValues` JSON NULL,
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `CustomerFieldValue_fieldId_textValue_idx`(`fieldId`, `textValue`),
    INDEX `CustomerFieldValue_fieldId_numberValue_idx`(`fieldId`, `numberValue`),
    INDEX `CustomerFieldValue_fieldId_dateValue_idx`(`fieldId`, `dateValue`),
    PRIMARY KEY (`customerId`, `fieldId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `CustomerNote` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `customerId` INTEGER NOT NULL,
    `authorId` INTEGER NOT NULL,
    `body` TEXT NOT NULL,
    `mentions` JSON NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `editedAt` DATETIME(3) NULL,

    INDEX `CustomerNote_customerId_createdAt_idx`(`customerId`, `createdAt`),
    INDEX `CustomerNote_authorId_idx`(`authorId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `CustomerEvent` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `customerId` INTEGER NOT NULL,
    `type` VARCHAR(32) NOT NULL,
    `actorId` INTEGER NULL,
    `detail` JSON NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `CustomerEvent_customerId_createdAt_idx`(`customerId`, `createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `CustomerMerge` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `survivorId` INTEGER NOT NULL,
    `mergedId` INTEGER NOT NULL,
    `actorId` INTEGER NOT NULL,
    `snapshot` JSON NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `undoneAt` DATETIME(3) NULL,
    `undoneById` INTEGER NULL,

    INDEX `CustomerMerge_survivorId_idx`(`survivorId`),
    INDEX `CustomerMerge_mergedId_idx`(`mergedId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `CustomerImport` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `createdById` INTEGER NOT NULL,
    `fileName` VARCHAR(255) NOT NULL,
    `storageKey` VARCHAR(255) NOT NULL,
    `format` VARCHAR(8) NOT NULL,
    `headers` JSON NOT NULL,
    `mapping` JSON NULL,
    `matchBy` VARCHAR(16) NOT NULL,
    `status` ENUM('UPLOADED', 'DRY_RUN', 'RUNNING', 'DONE', 'FAILED') NOT NULL DEFAULT 'UPLOADED',
    `totalRows` INTEGER NOT NULL DEFAULT 0,
    `processedRows` INTEGER NOT NULL DEFAULT 0,
    `createdCount` INTEGER NOT NULL DEFAULT 0,
    `updatedCount` INTEGER NOT NULL DEFAULT 0,
    `rejectedCount` INTEGER NOT NULL DEFAULT 0,
    `errorKey` VARCHAR(255) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `finishedAt` DATETIME(3) NULL,

    INDEX `CustomerImport_createdById_createdAt_idx`(`createdById`, `createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `CustomerFieldValue` ADD CONSTRAINT `CustomerFieldValue_customerId_fkey` FOREIGN KEY (`customerId`) REFERENCES `Customer`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `CustomerFieldValue` ADD CONSTRAINT `CustomerFieldValue_fieldId_fkey` FOREIGN KEY (`fieldId`) REFERENCES `CustomField`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `CustomerNote` ADD CONSTRAINT `CustomerNote_customerId_fkey` FOREIGN KEY (`customerId`) REFERENCES `Customer`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `CustomerNote` ADD CONSTRAINT `CustomerNote_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `CustomerEvent` ADD CONSTRAINT `CustomerEvent_customerId_fkey` FOREIGN KEY (`customerId`) REFERENCES `Customer`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `CustomerEvent` ADD CONSTRAINT `CustomerEvent_actorId_fkey` FOREIGN KEY (`actorId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `CustomerMerge` ADD CONSTRAINT `CustomerMerge_actorId_fkey` FOREIGN KEY (`actorId`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `CustomerImport` ADD CONSTRAINT `CustomerImport_createdById_fkey` FOREIGN KEY (`createdById`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Customer` ADD CONSTRAINT `Customer_ownerTeamId_fkey` FOREIGN KEY (`ownerTeamId`) REFERENCES `Team`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;
