-- CreateTable
CREATE TABLE `CrmConnection` (
    `id` INTEGER NOT NULL DEFAULT 1,
    `enabled` BOOLEAN NOT NULL DEFAULT true,
    `adapter` ENUM('GENERIC', 'HUBSPOT') NOT NULL DEFAULT 'GENERIC',
    `lookupUrl` VARCHAR(500) NOT NULL,
    `syncUrl` VARCHAR(500) NULL,
    `secretEnc` VARCHAR(512) NOT NULL,
    `timeoutMs` INTEGER NOT NULL DEFAULT 3000,
    `fieldMapping` JSON NOT NULL,
    `idProperty` VARCHAR(64) NOT NULL DEFAULT 'kefu_customer_id',
    `consecutiveFailures` INTEGER NOT NULL DEFAULT 0,
    `circuitOpenedAt` DATETIME(3) NULL,
    `lastLookupError` VARCHAR(1000) NULL,
    `lastLookupErrorAt` DATETIME(3) NULL,
    `syncFailureCount` INTEGER NOT NULL DEFAULT 0,
    `lastSyncError` VARCHAR(1000) NULL,
    `lastSyncErrorAt` DATETIME(3) NULL,
    `lastSyncSuccessAt` DATETIME(3) NULL,
    `updatedById` INTEGER NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `CrmLookupCache` (
    `customerId` INTEGER NOT NULL,
    `status` VARCHAR(16) NOT NULL,
    `payload` JSON NOT NULL,
    `fetchedAt` DATETIME(3) NOT NULL,

    PRIMARY KEY (`customerId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

