-- CreateTable
CREATE TABLE `Ticket` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `subject` VARCHAR(200) NOT NULL,
    `description` TEXT NOT NULL,
    `status` ENUM('OPEN', 'PENDING', 'SOLVED') NOT NULL DEFAULT 'OPEN',
    `priority` ENUM('LOW', 'NORMAL', 'HIGH', 'URGENT') NOT NULL DEFAULT 'NORMAL',
    `type` ENUM('QUESTION', 'PROBLEM', 'INCIDENT', 'TASK') NOT NULL DEFAULT 'QUESTION',
    `assigneeId` INTEGER NULL,
    `teamId` INTEGER NULL,
    `dueAt` DATETIME(3) NULL,
    `customFields` JSON NOT NULL,
    `createdById` INTEGER NOT NULL,
    `ticketSystemId` INTEGER NULL,
    `idempotencyKey` VARCHAR(64) NOT NULL,
    `externalId` VARCHAR(191) NULL,
    `externalUrl` VARCHAR(500) NULL,
    `syncStatus` ENUM('LOCAL', 'PENDING', 'SYNCED', 'FAILED') NOT NULL DEFAULT 'LOCAL',
    `syncError` VARCHAR(1000) NULL,
    `syncedAt` DATETIME(3) NULL,
    `solvedAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `Ticket_idempotencyKey_key`(`idempotencyKey`),
    UNIQUE INDEX `Ticket_ticketSystemId_externalId_key`(`ticketSystemId`, `externalId`),
    INDEX `Ticket_status_updatedAt_idx`(`status`, `updatedAt`),
    INDEX `Ticket_assigneeId_status_idx`(`assigneeId`, `status`),
    INDEX `Ticket_teamId_status_idx`(`teamId`, `status`),
    INDEX `Ticket_createdById_idx`(`createdById`),
    INDEX `Ticket_updatedAt_idx`(`updatedAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `TicketConversation` (
    `ticketId` INTEGER NOT NULL,
    `conversationId` INTEGER NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `TicketConversation_conversationId_idx`(`conversationId`),
    PRIMARY KEY (`ticketId`, `conversationId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `TicketChange` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `ticketId` INTEGER NOT NULL,
    `actorId` INTEGER NULL,
    `source` VARCHAR(16) NOT NULL,
    `field` VARCHAR(32) NOT NULL,
    `fromValue` VARCHAR(500) NULL,
    `toValue` VARCHAR(500) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `TicketChange_ticketId_id_idx`(`ticketId`, `id`),
    INDEX `TicketChange_actorId_idx`(`actorId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `TicketSystem` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(64) NOT NULL,
    `kind` ENUM('REST', 'ZENDESK', 'JIRA') NOT NULL,
    `baseUrl` VARCHAR(500) NOT NULL,
    `username` VARCHAR(191) NULL,
    `tokenEnc` VARCHAR(1000) NOT NULL,
    `projectKey` VARCHAR(32) NULL,
    `callbackSecretEnc` VARCHAR(255) NOT NULL,
    `active` BOOLEAN NOT NULL DEFAULT true,
    `createdById` INTEGER NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `TicketSystem_createdById_idx`(`createdById`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;


-- AddForeignKey
ALTER TABLE `Ticket` ADD CONSTRAINT `Ticket_assigneeId_fkey` FOREIGN KEY (`assigneeId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Ticket` ADD CONSTRAINT `Ticket_teamId_fkey` FOREIGN KEY (`teamId`) REFERENCES `Team`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Ticket` ADD CONSTRAINT `Ticket_createdById_fkey` FOREIGN KEY (`createdById`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Ticket` ADD CONSTRAINT `Ticket_ticketSystemId_fkey` FOREIGN KEY (`ticketSystemId`) REFERENCES `TicketSystem`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `TicketConversation` ADD CONSTRAINT `TicketConversation_ticketId_fkey` FOREIGN KEY (`ticketId`) REFERENCES `Ticket`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `TicketConversation` ADD CONSTRAINT `TicketConversation_conversationId_fkey` FOREIGN KEY (`conversationId`) REFERENCES `Conversation`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `TicketChange` ADD CONSTRAINT `TicketChange_ticketId_fkey` FOREIGN KEY (`ticketId`) REFERENCES `Ticket`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `TicketChange` ADD CONSTRAINT `TicketChange_actorId_fkey` FOREIGN KEY (`actorId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `TicketSystem` ADD CONSTRAINT `TicketSystem_createdById_fkey` FOREIGN KEY (`createdById`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
