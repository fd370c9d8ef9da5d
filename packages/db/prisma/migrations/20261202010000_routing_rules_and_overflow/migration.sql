-- Routing by intent (RoutingRule, RoutingRuleCategory, the widget menu choice) and per-team overflow (docs/architecture.md).

-- AlterTable
ALTER TABLE `ConversationEvent` MODIFY `type` ENUM('CREATED', 'BOT_HANDOFF', 'QUEUED', 'ASSIGNED', 'TRANSFERRED', 'PAUSED', 'RESUMED', 'RESOLVED', 'REOPENED', 'ABANDONED', 'REQUEUED', 'CSAT', 'OVERFLOWED') NOT NULL;

-- CreateTable
CREATE TABLE `RoutingRule` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(32) NOT NULL,
    `teamId` INTEGER NOT NULL,
    `position` INTEGER NOT NULL,
    `keywords` JSON NOT NULL,
    `showInMenu` BOOLEAN NOT NULL DEFAULT true,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `RoutingRule_position_idx`(`position`),
    INDEX `RoutingRule_teamId_idx`(`teamId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `RoutingRuleCategory` (
    `ruleId` INTEGER NOT NULL,
    `categoryId` INTEGER NOT NULL,

    INDEX `RoutingRuleCategory_categoryId_idx`(`categoryId`),
    PRIMARY KEY (`ruleId`, `categoryId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ConversationIntent` (
    `conversationId` INTEGER NOT NULL,
    `ruleId` INTEGER NOT NULL,
    `chosenAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `ConversationIntent_ruleId_idx`(`ruleId`),
    PRIMARY KEY (`conversationId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `TeamOverflow` (
    `teamId` INTEGER NOT NULL,
    `backupTeamId` INTEGER NOT NULL,
    `waitSeconds` INTEGER NULL,
    `queueLength` INTEGER NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `TeamOverflow_backupTeamId_idx`(`backupTeamId`),
    PRIMARY KEY (`teamId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ConversationOverflow` (
    `conversationId` INTEGER NOT NULL,
    `backupTeamId` INTEGER NOT NULL,
    `queuedAt` DATETIME(3) NOT NULL,
    `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `ConversationOverflow_backupTeamId_idx`(`backupTeamId`),
    PRIMARY KEY (`conversationId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
-- AddForeignKey
ALTER TABLE `RoutingRule` ADD CONSTRAINT `RoutingRule_teamId_fkey` FOREIGN KEY (`teamId`) REFERENCES `Team`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `RoutingRuleCategory` ADD CONSTRAINT `RoutingRuleCategory_ruleId_fkey` FOREIGN KEY (`ruleId`) REFERENCES `RoutingRule`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `RoutingRuleCategory` ADD CONSTRAINT `RoutingRuleCategory_categoryId_fkey` FOREIGN KEY (`categoryId`) REFERENCES `KbCategory`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ConversationIntent` ADD CONSTRAINT `ConversationIntent_conversationId_fkey` FOREIGN KEY (`conversationId`) REFERENCES `Conversation`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ConversationIntent` ADD CONSTRAINT `ConversationIntent_ruleId_fkey` FOREIGN KEY (`ruleId`) REFERENCES `RoutingRule`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `TeamOverflow` ADD CONSTRAINT `TeamOverflow_teamId_fkey` FOREIGN KEY (`teamId`) REFERENCES `Team`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `TeamOverflow` ADD CONSTRAINT `TeamOverflow_backupTeamId_fkey` FOREIGN KEY (`backupTeamId`) REFERENCES `Team`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ConversationOverflow` ADD CONSTRAINT `ConversationOverflow_conversationId_fkey` FOREIGN KEY (`conversationId`) REFERENCES `Conversation`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ConversationOverflow` ADD CONSTRAINT `ConversationOverflow_backupTeamId_fkey` FOREIGN KEY (`backupTeamId`) REFERENCES `Team`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
