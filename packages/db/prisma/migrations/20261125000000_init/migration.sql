-- CreateTable
CREATE TABLE `User` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `employeeNo` VARCHAR(32) NOT NULL,
    `name` VARCHAR(64) NOT NULL,
    `email` VARCHAR(191) NOT NULL,
    `phoneHash` CHAR(64) NULL,
    `phoneEnc` VARCHAR(255) NULL,
    `phoneLast4` VARCHAR(4) NULL,
    `passwordHash` VARCHAR(255) NOT NULL,
    `passwordChangedAt` DATETIME(3) NULL,
    `mustChangePassword` BOOLEAN NOT NULL DEFAULT false,
    `role` ENUM('ADMIN', 'SUPERVISOR', 'AGENT', 'QA') NOT NULL,
    `presence` ENUM('ONLINE', 'BUSY', 'AWAY', 'OFFLINE') NOT NULL DEFAULT 'OFFLINE',
    `presenceChangedAt` DATETIME(3) NULL,
    `maxConcurrent` INTEGER NOT NULL DEFAULT 5,
    `failedLogins` INTEGER NOT NULL DEFAULT 0,
    `lockedUntil` DATETIME(3) NULL,
    `sessionVersion` INTEGER NOT NULL DEFAULT 0,
    `disabledAt` DATETIME(3) NULL,
    `lastSeenAt` DATETIME(3) NULL,
    `lastLoginAt` DATETIME(3) NULL,
    `locale` VARCHAR(8) NOT NULL DEFAULT 'zh-CN',
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `User_employeeNo_key`(`employeeNo`),
    UNIQUE INDEX `User_email_key`(`email`),
    UNIQUE INDEX `User_phoneHash_key`(`phoneHash`),
    INDEX `User_role_disabledAt_idx`(`role`, `disabledAt`),
    INDEX `User_presence_idx`(`presence`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Team` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(64) NOT NULL,
    `description` VARCHAR(500) NULL,
    `autoAssign` BOOLEAN NOT NULL DEFAULT true,
    `maxQueueLength` INTEGER NOT NULL DEFAULT 200,
    `replyTimeoutSeconds` INTEGER NOT NULL DEFAULT 180,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `Team_name_key`(`name`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `TeamMember` (
    `teamId` INTEGER NOT NULL,
    `userId` INTEGER NOT NULL,
    `isLead` BOOLEAN NOT NULL DEFAULT false,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `TeamMember_userId_idx`(`userId`),
    PRIMARY KEY (`teamId`, `userId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Authenticator` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `userId` INTEGER NOT NULL,
    `credentialId` VARCHAR(255) NOT NULL,
    `publicKey` LONGBLOB NOT NULL,
    `counter` INTEGER NOT NULL DEFAULT 0,
    `transports` VARCHAR(191) NULL,
    `deviceName` VARCHAR(64) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `lastUsedAt` DATETIME(3) NULL,

    UNIQUE INDEX `Authenticator_credentialId_key`(`credentialId`),
    INDEX `Authenticator_userId_idx`(`userId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `PresenceInterval` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `userId` INTEGER NOT NULL,
    `presence` ENUM('ONLINE', 'BUSY', 'AWAY', 'OFFLINE') NOT NULL,
    `startedAt` DATETIME(3) NOT NULL,
    `endedAt` DATETIME(3) NULL,

    INDEX `PresenceInterval_userId_startedAt_idx`(`userId`, `startedAt`),
    INDEX `PresenceInterval_startedAt_idx`(`startedAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Customer` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(64) NOT NULL,
    `phoneHash` CHAR(64) NULL,
    `phoneEnc` VARCHAR(255) NULL,
    `phoneLast4` VARCHAR(4) NULL,
    `email` VARCHAR(191) NULL,
    `idNumberEnc` VARCHAR(255) NULL,
    `externalId` VARCHAR(64) NULL,
    `level` ENUM('NORMAL', 'VIP', 'SVIP') NOT NULL DEFAULT 'NORMAL',
    `city` VARCHAR(32) NULL,
    `notes` TEXT NULL,
    `firstSeenAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `lastSeenAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `conversationCount` INTEGER NOT NULL DEFAULT 0,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `Customer_externalId_key`(`externalId`),
    INDEX `Customer_phoneHash_idx`(`phoneHash`),
    INDEX `Customer_lastSeenAt_idx`(`lastSeenAt`),
    INDEX `Customer_level_lastSeenAt_idx`(`level`, `lastSeenAt`),
    INDEX `Customer_name_idx`(`name`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `CustomerIdentity` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `customerId` INTEGER NOT NULL,
    `channel` ENUM('WEB', 'WECHAT', 'APP', 'API') NOT NULL,
    `externalUserId` VARCHAR(128) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `CustomerIdentity_channel_externalUserId_key`(`channel`, `externalUserId`),
    INDEX `CustomerIdentity_customerId_idx`(`customerId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Tag` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(32) NOT NULL,
    `color` VARCHAR(16) NOT NULL DEFAULT '#64748b',
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `Tag_name_key`(`name`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `CustomerTag` (
    `customerId` INTEGER NOT NULL,
    `tagId` INTEGER NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `CustomerTag_tagId_idx`(`tagId`),
    PRIMARY KEY (`customerId`, `tagId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Segment` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(64) NOT NULL,
    `rules` JSON NOT NULL,
    `createdById` INTEGER NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `Segment_createdById_idx`(`createdById`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Conversation` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `customerId` INTEGER NOT NULL,
    `channel` ENUM('WEB', 'WECHAT', 'APP', 'API') NOT NULL,
    `status` ENUM('BOT', 'QUEUED', 'ACTIVE', 'PAUSED', 'RESOLVED', 'ABANDONED') NOT NULL DEFAULT 'BOT',
    `priority` INTEGER NOT NULL DEFAULT 0,
    `teamId` INTEGER NULL,
    `assigneeId` INTEGER NULL,
    `category` VARCHAR(64) NULL,
    `subject` VARCHAR(200) NULL,
    `resolutionCategory` VARCHAR(64) NULL,
    `resolutionNote` VARCHAR(1000) NULL,
    `botLowConfidenceCount` INTEGER NOT NULL DEFAULT 0,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    `queuedAt` DATETIME(3) NULL,
    `assignedAt` DATETIME(3) NULL,
    `firstResponseAt` DATETIME(3) NULL,
    `lastCustomerMessageAt` DATETIME(3) NULL,
    `lastAgentMessageAt` DATETIME(3) NULL,
    `pausedAt` DATETIME(3) NULL,
    `pausedSeconds` INTEGER NOT NULL DEFAULT 0,
    `resolvedAt` DATETIME(3) NULL,
    `reopenedAt` DATETIME(3) NULL,
    `csatSentAt` DATETIME(3) NULL,
    `csatScore` INTEGER NULL,
    `csatComment` VARCHAR(1000) NULL,
    `csatAt` DATETIME(3) NULL,
    `flags` JSON NULL,
    `lastMessageId` INTEGER NULL,

    INDEX `Conversation_status_priority_queuedAt_idx`(`status`, `priority`, `queuedAt`),
    INDEX `Conversation_assigneeId_status_idx`(`assigneeId`, `status`),
    INDEX `Conversation_teamId_status_idx`(`teamId`, `status`),
    INDEX `Conversation_customerId_createdAt_idx`(`customerId`, `createdAt`),
    INDEX `Conversation_createdAt_idx`(`createdAt`),
    INDEX `Conversation_resolvedAt_idx`(`resolvedAt`),
    INDEX `Conversation_channel_createdAt_idx`(`channel`, `createdAt`),
    INDEX `Conversation_updatedAt_idx`(`updatedAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ConversationTag` (
    `conversationId` INTEGER NOT NULL,
    `tagId` INTEGER NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `ConversationTag_tagId_idx`(`tagId`),
    PRIMARY KEY (`conversationId`, `tagId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ConversationRead` (
    `conversationId` INTEGER NOT NULL,
    `userId` INTEGER NOT NULL,
    `lastReadMessageId` INTEGER NOT NULL,
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `ConversationRead_userId_idx`(`userId`),
    PRIMARY KEY (`conversationId`, `userId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Message` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `conversationId` INTEGER NOT NULL,
    `senderType` ENUM('CUSTOMER', 'AGENT', 'BOT', 'SYSTEM') NOT NULL,
    `senderId` INTEGER NULL,
    `kind` ENUM('TEXT', 'NOTE', 'EVENT') NOT NULL DEFAULT 'TEXT',
    `body` TEXT NOT NULL,
    `clientId` VARCHAR(64) NULL,
    `kbArticleId` INTEGER NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `Message_conversationId_clientId_key`(`conversationId`, `clientId`),
    INDEX `Message_conversationId_id_idx`(`conversationId`, `id`),
    INDEX `Message_senderId_createdAt_idx`(`senderId`, `createdAt`),
    INDEX `Message_kbArticleId_idx`(`kbArticleId`),
    INDEX `Message_createdAt_idx`(`createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ConversationEvent` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `conversationId` INTEGER NOT NULL,
    `type` ENUM('CREATED', 'BOT_HANDOFF', 'QUEUED', 'ASSIGNED', 'TRANSFERRED', 'PAUSED', 'RESUMED', 'RESOLVED', 'REOPENED', 'ABANDONED', 'REQUEUED', 'CSAT') NOT NULL,
    `actorId` INTEGER NULL,
    `fromStatus` ENUM('BOT', 'QUEUED', 'ACTIVE', 'PAUSED', 'RESOLVED', 'ABANDONED') NULL,
    `toStatus` ENUM('BOT', 'QUEUED', 'ACTIVE', 'PAUSED', 'RESOLVED', 'ABANDONED') NULL,
    `fromUserId` INTEGER NULL,
    `toUserId` INTEGER NULL,
    `fromTeamId` INTEGER NULL,
    `toTeamId` INTEGER NULL,
    `detail` JSON NULL,
    `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `ConversationEvent_conversationId_id_idx`(`conversationId`, `id`),
    INDEX `ConversationEvent_type_at_idx`(`type`, `at`),
    INDEX `ConversationEvent_at_idx`(`at`),
    INDEX `ConversationEvent_actorId_at_idx`(`actorId`, `at`),
    INDEX `ConversationEvent_toUserId_at_idx`(`toUserId`, `at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `CannedReply` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `title` VARCHAR(64) NOT NULL,
    `shortcut` VARCHAR(32) NOT NULL,
    `body` TEXT NOT NULL,
    `teamId` INTEGER NULL,
    `ownerId` INTEGER NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `CannedReply_teamId_idx`(`teamId`),
    INDEX `CannedReply_ownerId_idx`(`ownerId`),
    INDEX `CannedReply_shortcut_idx`(`shortcut`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `KbCategory` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(64) NOT NULL,
    `parentId` INTEGER NULL,
    `sortOrder` INTEGER NOT NULL DEFAULT 0,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `KbCategory_parentId_idx`(`parentId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `KbArticle` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `categoryId` INTEGER NULL,
    `title` VARCHAR(200) NOT NULL,
    `body` TEXT NOT NULL,
    `status` ENUM('DRAFT', 'PUBLISHED', 'ARCHIVED') NOT NULL DEFAULT 'DRAFT',
    `version` INTEGER NOT NULL DEFAULT 1,
    `keywords` VARCHAR(500) NULL,
    `authorId` INTEGER NULL,
    `titleTermCount` INTEGER NOT NULL DEFAULT 0,
    `bodyTermCount` INTEGER NOT NULL DEFAULT 0,
    `viewCount` INTEGER NOT NULL DEFAULT 0,
    `helpfulCount` INTEGER NOT NULL DEFAULT 0,
    `unhelpfulCount` INTEGER NOT NULL DEFAULT 0,
    `publishedAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `KbArticle_categoryId_status_idx`(`categoryId`, `status`),
    INDEX `KbArticle_status_updatedAt_idx`(`status`, `updatedAt`),
    INDEX `KbArticle_authorId_idx`(`authorId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `KbArticleVersion` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `articleId` INTEGER NOT NULL,
    `version` INTEGER NOT NULL,
    `title` VARCHAR(200) NOT NULL,
    `body` TEXT NOT NULL,
    `editorId` INTEGER NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `KbArticleVersion_articleId_version_key`(`articleId`, `version`),
    INDEX `KbArticleVersion_editorId_idx`(`editorId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `KbTerm` (
    `term` VARCHAR(64) NOT NULL,
    `articleId` INTEGER NOT NULL,
    `titleTf` INTEGER NOT NULL DEFAULT 0,
    `bodyTf` INTEGER NOT NULL DEFAULT 0,

    INDEX `KbTerm_articleId_idx`(`articleId`),
    PRIMARY KEY (`term`, `articleId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `KbSynonym` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `term` VARCHAR(64) NOT NULL,
    `canonical` VARCHAR(64) NOT NULL,

    UNIQUE INDEX `KbSynonym_term_key`(`term`),
    INDEX `KbSynonym_canonical_idx`(`canonical`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `KbStopWord` (
    `word` VARCHAR(32) NOT NULL,

    PRIMARY KEY (`word`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `KbSuggestion` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `articleId` INTEGER NULL,
    `title` VARCHAR(200) NOT NULL,
    `body` TEXT NOT NULL,
    `reason` VARCHAR(1000) NULL,
    `status` ENUM('PENDING', 'APPROVED', 'REJECTED') NOT NULL DEFAULT 'PENDING',
    `authorId` INTEGER NOT NULL,
    `reviewerId` INTEGER NULL,
    `reviewNote` VARCHAR(1000) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `reviewedAt` DATETIME(3) NULL,

    INDEX `KbSuggestion_status_createdAt_idx`(`status`, `createdAt`),
    INDEX `KbSuggestion_articleId_idx`(`articleId`),
    INDEX `KbSuggestion_authorId_idx`(`authorId`),
    INDEX `KbSuggestion_reviewerId_idx`(`reviewerId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `KbFeedback` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `articleId` INTEGER NOT NULL,
    `conversationId` INTEGER NULL,
    `helpful` BOOLEAN NOT NULL,
    `comment` VARCHAR(1000) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `KbFeedback_articleId_createdAt_idx`(`articleId`, `createdAt`),
    INDEX `KbFeedback_conversationId_idx`(`conversationId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `UnansweredQuestion` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `question` VARCHAR(1000) NOT NULL,
    `normalized` VARCHAR(191) NOT NULL,
    `conversationId` INTEGER NULL,
    `articleId` INTEGER NULL,
    `count` INTEGER NOT NULL DEFAULT 1,
    `status` ENUM('OPEN', 'RESOLVED', 'IGNORED') NOT NULL DEFAULT 'OPEN',
    `lastAskedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `UnansweredQuestion_normalized_key`(`normalized`),
    INDEX `UnansweredQuestion_status_lastAskedAt_idx`(`status`, `lastAskedAt`),
    INDEX `UnansweredQuestion_conversationId_idx`(`conversationId`),
    INDEX `UnansweredQuestion_articleId_idx`(`articleId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Scorecard` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(64) NOT NULL,
    `description` VARCHAR(500) NULL,
    `active` BOOLEAN NOT NULL DEFAULT true,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ScorecardCriterion` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `scorecardId` INTEGER NOT NULL,
    `name` VARCHAR(64) NOT NULL,
    `description` VARCHAR(500) NULL,
    `minScore` INTEGER NOT NULL DEFAULT 0,
    `maxScore` INTEGER NOT NULL DEFAULT 5,
    `weight` INTEGER NOT NULL DEFAULT 1,
    `critical` BOOLEAN NOT NULL DEFAULT false,
    `sortOrder` INTEGER NOT NULL DEFAULT 0,

    INDEX `ScorecardCriterion_scorecardId_idx`(`scorecardId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `QaReview` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `conversationId` INTEGER NOT NULL,
    `agentId` INTEGER NOT NULL,
    `reviewerId` INTEGER NOT NULL,
    `scorecardId` INTEGER NOT NULL,
    `total` DOUBLE NULL,
    `comment` TEXT NULL,
    `status` ENUM('DRAFT', 'SUBMITTED', 'DISPUTED', 'FINAL') NOT NULL DEFAULT 'DRAFT',
    `isCalibration` BOOLEAN NOT NULL DEFAULT false,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `submittedAt` DATETIME(3) NULL,

    INDEX `QaReview_agentId_createdAt_idx`(`agentId`, `createdAt`),
    INDEX `QaReview_reviewerId_createdAt_idx`(`reviewerId`, `createdAt`),
    INDEX `QaReview_conversationId_idx`(`conversationId`),
    INDEX `QaReview_scorecardId_idx`(`scorecardId`),
    INDEX `QaReview_status_createdAt_idx`(`status`, `createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `QaReviewScore` (
    `reviewId` INTEGER NOT NULL,
    `criterionId` INTEGER NOT NULL,
    `score` INTEGER NOT NULL,
    `comment` VARCHAR(1000) NULL,

    INDEX `QaReviewScore_criterionId_idx`(`criterionId`),
    PRIMARY KEY (`reviewId`, `criterionId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `QaDispute` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `reviewId` INTEGER NOT NULL,
    `raisedById` INTEGER NOT NULL,
    `reason` VARCHAR(2000) NOT NULL,
    `status` ENUM('OPEN', 'ACCEPTED', 'REJECTED') NOT NULL DEFAULT 'OPEN',
    `resolvedById` INTEGER NULL,
    `resolution` VARCHAR(2000) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `resolvedAt` DATETIME(3) NULL,

    INDEX `QaDispute_reviewId_idx`(`reviewId`),
    INDEX `QaDispute_status_createdAt_idx`(`status`, `createdAt`),
    INDEX `QaDispute_raisedById_idx`(`raisedById`),
    INDEX `QaDispute_resolvedById_idx`(`resolvedById`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `AutoQaFlag` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `conversationId` INTEGER NOT NULL,
    `messageId` INTEGER NULL,
    `rule` VARCHAR(64) NOT NULL,
    `severity` ENUM('LOW', 'MEDIUM', 'HIGH') NOT NULL DEFAULT 'MEDIUM',
    `detail` JSON NULL,
    `reviewedAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `AutoQaFlag_conversationId_idx`(`conversationId`),
    INDEX `AutoQaFlag_messageId_idx`(`messageId`),
    INDEX `AutoQaFlag_rule_createdAt_idx`(`rule`, `createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `StatsHourly` (
    `bucket` DATETIME(3) NOT NULL,
    `teamId` INTEGER NOT NULL DEFAULT 0,
    `agentId` INTEGER NOT NULL DEFAULT 0,
    `created` INTEGER NOT NULL DEFAULT 0,
    `queued` INTEGER NOT NULL DEFAULT 0,
    `assigned` INTEGER NOT NULL DEFAULT 0,
    `resolved` INTEGER NOT NULL DEFAULT 0,
    `botResolved` INTEGER NOT NULL DEFAULT 0,
    `abandoned` INTEGER NOT NULL DEFAULT 0,
    `waitSecondsSum` INTEGER NOT NULL DEFAULT 0,
    `waitCount` INTEGER NOT NULL DEFAULT 0,
    `firstResponseSum` INTEGER NOT NULL DEFAULT 0,
    `firstResponseCount` INTEGER NOT NULL DEFAULT 0,
    `handleSecondsSum` INTEGER NOT NULL DEFAULT 0,
    `customerMessages` INTEGER NOT NULL DEFAULT 0,
    `agentMessages` INTEGER NOT NULL DEFAULT 0,
    `csatResponses` INTEGER NOT NULL DEFAULT 0,
    `csatPositive` INTEGER NOT NULL DEFAULT 0,
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `StatsHourly_agentId_bucket_idx`(`agentId`, `bucket`),
    INDEX `StatsHourly_teamId_bucket_idx`(`teamId`, `bucket`),
    PRIMARY KEY (`bucket`, `teamId`, `agentId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `StatsDaily` (
    `day` DATE NOT NULL,
    `teamId` INTEGER NOT NULL DEFAULT 0,
    `agentId` INTEGER NOT NULL DEFAULT 0,
    `created` INTEGER NOT NULL DEFAULT 0,
    `queued` INTEGER NOT NULL DEFAULT 0,
    `assigned` INTEGER NOT NULL DEFAULT 0,
    `resolved` INTEGER NOT NULL DEFAULT 0,
    `botResolved` INTEGER NOT NULL DEFAULT 0,
    `abandoned` INTEGER NOT NULL DEFAULT 0,
    `waitSecondsSum` INTEGER NOT NULL DEFAULT 0,
    `waitCount` INTEGER NOT NULL DEFAULT 0,
    `firstResponseSum` INTEGER NOT NULL DEFAULT 0,
    `firstResponseCount` INTEGER NOT NULL DEFAULT 0,
    `handleSecondsSum` INTEGER NOT NULL DEFAULT 0,
    `customerMessages` INTEGER NOT NULL DEFAULT 0,
    `agentMessages` INTEGER NOT NULL DEFAULT 0,
    `csatResponses` INTEGER NOT NULL DEFAULT 0,
    `csatPositive` INTEGER NOT NULL DEFAULT 0,
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `StatsDaily_agentId_day_idx`(`agentId`, `day`),
    INDEX `StatsDaily_teamId_day_idx`(`teamId`, `day`),
    PRIMARY KEY (`day`, `teamId`, `agentId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `MonitorAlertRule` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `metric` ENUM('QUEUE_LENGTH', 'LONGEST_WAIT_SECONDS', 'AGENTS_ONLINE_BELOW', 'CSAT_TODAY_BELOW') NOT NULL,
    `threshold` DOUBLE NOT NULL,
    `teamId` INTEGER NULL,
    `enabled` BOOLEAN NOT NULL DEFAULT true,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `MonitorAlertRule_teamId_idx`(`teamId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `MonitorAlertEvent` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `ruleId` INTEGER NOT NULL,
    `value` DOUBLE NOT NULL,
    `triggeredAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `clearedAt` DATETIME(3) NULL,
    `acknowledgedById` INTEGER NULL,
    `acknowledgedAt` DATETIME(3) NULL,

    INDEX `MonitorAlertEvent_ruleId_triggeredAt_idx`(`ruleId`, `triggeredAt`),
    INDEX `MonitorAlertEvent_triggeredAt_idx`(`triggeredAt`),
    INDEX `MonitorAlertEvent_acknowledgedById_idx`(`acknowledgedById`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `PushSubscription` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `userId` INTEGER NOT NULL,
    `endpoint` VARCHAR(500) NOT NULL,
    `p256dh` VARCHAR(255) NOT NULL,
    `auth` VARCHAR(255) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `PushSubscription_endpoint_key`(`endpoint`),
    INDEX `PushSubscription_userId_idx`(`userId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `AuditLog` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `actorId` INTEGER NULL,
    `actorLabel` VARCHAR(64) NULL,
    `action` VARCHAR(64) NOT NULL,
    `targetType` VARCHAR(32) NULL,
    `targetId` VARCHAR(64) NULL,
    `result` ENUM('SUCCESS', 'FAILURE', 'DENIED') NOT NULL DEFAULT 'SUCCESS',
    `ip` VARCHAR(45) NULL,
    `userAgent` VARCHAR(255) NULL,
    `detail` JSON NULL,
    `prevHash` CHAR(64) NOT NULL,
    `hash` CHAR(64) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `AuditLog_hash_key`(`hash`),
    INDEX `AuditLog_actorId_createdAt_idx`(`actorId`, `createdAt`),
    INDEX `AuditLog_action_createdAt_idx`(`action`, `createdAt`),
    INDEX `AuditLog_targetType_targetId_idx`(`targetType`, `targetId`),
    INDEX `AuditLog_createdAt_idx`(`createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `AuditChainHead` (
    `id` INTEGER NOT NULL,
    `lastId` INTEGER NOT NULL DEFAULT 0,
    `lastHash` CHAR(64) NOT NULL,

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `LoginAttempt` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `userId` INTEGER NULL,
    `identifier` VARCHAR(191) NOT NULL,
    `method` ENUM('PASSWORD', 'SMS', 'WEBAUTHN') NOT NULL DEFAULT 'PASSWORD',
    `success` BOOLEAN NOT NULL,
    `reason` VARCHAR(32) NULL,
    `ip` VARCHAR(45) NULL,
    `userAgent` VARCHAR(255) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `LoginAttempt_userId_createdAt_idx`(`userId`, `createdAt`),
    INDEX `LoginAttempt_ip_createdAt_idx`(`ip`, `createdAt`),
    INDEX `LoginAttempt_createdAt_idx`(`createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `SecurityAlert` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `type` VARCHAR(64) NOT NULL,
    `severity` ENUM('LOW', 'MEDIUM', 'HIGH') NOT NULL DEFAULT 'MEDIUM',
    `userId` INTEGER NULL,
    `ip` VARCHAR(45) NULL,
    `detail` JSON NULL,
    `acknowledgedById` INTEGER NULL,
    `acknowledgedAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `SecurityAlert_acknowledgedAt_createdAt_idx`(`acknowledgedAt`, `createdAt`),
    INDEX `SecurityAlert_userId_idx`(`userId`),
    INDEX `SecurityAlert_acknowledgedById_idx`(`acknowledgedById`),
    INDEX `SecurityAlert_createdAt_idx`(`createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `SmsCode` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `phoneHash` CHAR(64) NOT NULL,
    `codeHash` CHAR(64) NOT NULL,
    `purpose` VARCHAR(16) NOT NULL DEFAULT 'login',
    `attempts` INTEGER NOT NULL DEFAULT 0,
    `expiresAt` DATETIME(3) NOT NULL,
    `consumedAt` DATETIME(3) NULL,
    `ip` VARCHAR(45) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `SmsCode_phoneHash_createdAt_idx`(`phoneHash`, `createdAt`),
    INDEX `SmsCode_expiresAt_idx`(`expiresAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ApiKey` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(64) NOT NULL,
    `prefix` VARCHAR(16) NOT NULL,
    `keyHash` CHAR(64) NOT NULL,
    `scopes` JSON NOT NULL,
    `createdById` INTEGER NOT NULL,
    `lastUsedAt` DATETIME(3) NULL,
    `revokedAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `ApiKey_prefix_key`(`prefix`),
    INDEX `ApiKey_createdById_idx`(`createdById`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Webhook` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(64) NOT NULL,
    `url` VARCHAR(500) NOT NULL,
    `events` JSON NOT NULL,
    `secretEnc` VARCHAR(255) NOT NULL,
    `active` BOOLEAN NOT NULL DEFAULT true,
    `createdById` INTEGER NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `Webhook_createdById_idx`(`createdById`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `WebhookDelivery` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `webhookId` INTEGER NOT NULL,
    `event` VARCHAR(64) NOT NULL,
    `payload` JSON NOT NULL,
    `status` ENUM('PENDING', 'SUCCEEDED', 'FAILED') NOT NULL DEFAULT 'PENDING',
    `attempts` INTEGER NOT NULL DEFAULT 0,
    `responseStatus` INTEGER NULL,
    `responseBody` TEXT NULL,
    `lastError` VARCHAR(1000) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `deliveredAt` DATETIME(3) NULL,

    INDEX `WebhookDelivery_webhookId_createdAt_idx`(`webhookId`, `createdAt`),
    INDEX `WebhookDelivery_status_createdAt_idx`(`status`, `createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Job` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `type` VARCHAR(64) NOT NULL,
    `payload` JSON NOT NULL,
    `status` ENUM('PENDING', 'RUNNING', 'SUCCEEDED', 'DEAD') NOT NULL DEFAULT 'PENDING',
    `attempts` INTEGER NOT NULL DEFAULT 0,
    `maxAttempts` INTEGER NOT NULL DEFAULT 8,
    `runAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `lockedAt` DATETIME(3) NULL,
    `lockedBy` VARCHAR(64) NULL,
    `lastError` TEXT NULL,
    `dedupeKey` VARCHAR(191) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    `finishedAt` DATETIME(3) NULL,

    UNIQUE INDEX `Job_dedupeKey_key`(`dedupeKey`),
    INDEX `Job_status_runAt_idx`(`status`, `runAt`),
    INDEX `Job_type_status_idx`(`type`, `status`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `Setting` (
    `key` VARCHAR(64) NOT NULL,
    `value` JSON NOT NULL,
    `updatedById` INTEGER NULL,
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `Setting_updatedById_idx`(`updatedById`),
    PRIMARY KEY (`key`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `TeamMember` ADD CONSTRAINT `TeamMember_teamId_fkey` FOREIGN KEY (`teamId`) REFERENCES `Team`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `TeamMember` ADD CONSTRAINT `TeamMember_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `User`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Authenticator` ADD CONSTRAINT `Authenticator_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `User`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `PresenceInterval` ADD CONSTRAINT `PresenceInterval_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `User`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `CustomerIdentity` ADD CONSTRAINT `CustomerIdentity_customerId_fkey` FOREIGN KEY (`customerId`) REFERENCES `Customer`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `CustomerTag` ADD CONSTRAINT `CustomerTag_customerId_fkey` FOREIGN KEY (`customerId`) REFERENCES `Customer`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `CustomerTag` ADD CONSTRAINT `CustomerTag_tagId_fkey` FOREIGN KEY (`tagId`) REFERENCES `Tag`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Segment` ADD CONSTRAINT `Segment_createdById_fkey` FOREIGN KEY (`createdById`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Conversation` ADD CONSTRAINT `Conversation_customerId_fkey` FOREIGN KEY (`customerId`) REFERENCES `Customer`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Conversation` ADD CONSTRAINT `Conversation_teamId_fkey` FOREIGN KEY (`teamId`) REFERENCES `Team`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Conversation` ADD CONSTRAINT `Conversation_assigneeId_fkey` FOREIGN KEY (`assigneeId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ConversationTag` ADD CONSTRAINT `ConversationTag_conversationId_fkey` FOREIGN KEY (`conversationId`) REFERENCES `Conversation`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ConversationTag` ADD CONSTRAINT `ConversationTag_tagId_fkey` FOREIGN KEY (`tagId`) REFERENCES `Tag`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ConversationRead` ADD CONSTRAINT `ConversationRead_conversationId_fkey` FOREIGN KEY (`conversationId`) REFERENCES `Conversation`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ConversationRead` ADD CONSTRAINT `ConversationRead_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `User`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Message` ADD CONSTRAINT `Message_conversationId_fkey` FOREIGN KEY (`conversationId`) REFERENCES `Conversation`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Message` ADD CONSTRAINT `Message_senderId_fkey` FOREIGN KEY (`senderId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Message` ADD CONSTRAINT `Message_kbArticleId_fkey` FOREIGN KEY (`kbArticleId`) REFERENCES `KbArticle`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ConversationEvent` ADD CONSTRAINT `ConversationEvent_conversationId_fkey` FOREIGN KEY (`conversationId`) REFERENCES `Conversation`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ConversationEvent` ADD CONSTRAINT `ConversationEvent_actorId_fkey` FOREIGN KEY (`actorId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `CannedReply` ADD CONSTRAINT `CannedReply_teamId_fkey` FOREIGN KEY (`teamId`) REFERENCES `Team`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `CannedReply` ADD CONSTRAINT `CannedReply_ownerId_fkey` FOREIGN KEY (`ownerId`) REFERENCES `User`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `KbCategory` ADD CONSTRAINT `KbCategory_parentId_fkey` FOREIGN KEY (`parentId`) REFERENCES `KbCategory`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `KbArticle` ADD CONSTRAINT `KbArticle_categoryId_fkey` FOREIGN KEY (`categoryId`) REFERENCES `KbCategory`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `KbArticle` ADD CONSTRAINT `KbArticle_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `KbArticleVersion` ADD CONSTRAINT `KbArticleVersion_articleId_fkey` FOREIGN KEY (`articleId`) REFERENCES `KbArticle`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `KbArticleVersion` ADD CONSTRAINT `KbArticleVersion_editorId_fkey` FOREIGN KEY (`editorId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `KbTerm` ADD CONSTRAINT `KbTerm_articleId_fkey` FOREIGN KEY (`articleId`) REFERENCES `KbArticle`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `KbSuggestion` ADD CONSTRAINT `KbSuggestion_articleId_fkey` FOREIGN KEY (`articleId`) REFERENCES `KbArticle`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `KbSuggestion` ADD CONSTRAINT `KbSuggestion_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `KbSuggestion` ADD CONSTRAINT `KbSuggestion_reviewerId_fkey` FOREIGN KEY (`reviewerId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `KbFeedback` ADD CONSTRAINT `KbFeedback_articleId_fkey` FOREIGN KEY (`articleId`) REFERENCES `KbArticle`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `KbFeedback` ADD CONSTRAINT `KbFeedback_conversationId_fkey` FOREIGN KEY (`conversationId`) REFERENCES `Conversation`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `UnansweredQuestion` ADD CONSTRAINT `UnansweredQuestion_conversationId_fkey` FOREIGN KEY (`conversationId`) REFERENCES `Conversation`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `UnansweredQuestion` ADD CONSTRAINT `UnansweredQuestion_articleId_fkey` FOREIGN KEY (`articleId`) REFERENCES `KbArticle`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ScorecardCriterion` ADD CONSTRAINT `ScorecardCriterion_scorecardId_fkey` FOREIGN KEY (`scorecardId`) REFERENCES `Scorecard`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `QaReview` ADD CONSTRAINT `QaReview_conversationId_fkey` FOREIGN KEY (`conversationId`) REFERENCES `Conversation`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `QaReview` ADD CONSTRAINT `QaReview_agentId_fkey` FOREIGN KEY (`agentId`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `QaReview` ADD CONSTRAINT `QaReview_reviewerId_fkey` FOREIGN KEY (`reviewerId`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `QaReview` ADD CONSTRAINT `QaReview_scorecardId_fkey` FOREIGN KEY (`scorecardId`) REFERENCES `Scorecard`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `QaReviewScore` ADD CONSTRAINT `QaReviewScore_reviewId_fkey` FOREIGN KEY (`reviewId`) REFERENCES `QaReview`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `QaReviewScore` ADD CONSTRAINT `QaReviewScore_criterionId_fkey` FOREIGN KEY (`criterionId`) REFERENCES `ScorecardCriterion`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `QaDispute` ADD CONSTRAINT `QaDispute_reviewId_fkey` FOREIGN KEY (`reviewId`) REFERENCES `QaReview`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `QaDispute` ADD CONSTRAINT `QaDispute_raisedById_fkey` FOREIGN KEY (`raisedById`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `QaDispute` ADD CONSTRAINT `QaDispute_resolvedById_fkey` FOREIGN KEY (`resolvedById`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `AutoQaFlag` ADD CONSTRAINT `AutoQaFlag_conversationId_fkey` FOREIGN KEY (`conversationId`) REFERENCES `Conversation`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `AutoQaFlag` ADD CONSTRAINT `AutoQaFlag_messageId_fkey` FOREIGN KEY (`messageId`) REFERENCES `Message`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `MonitorAlertRule` ADD CONSTRAINT `MonitorAlertRule_teamId_fkey` FOREIGN KEY (`teamId`) REFERENCES `Team`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `MonitorAlertEvent` ADD CONSTRAINT `MonitorAlertEvent_ruleId_fkey` FOREIGN KEY (`ruleId`) REFERENCES `MonitorAlertRule`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `MonitorAlertEvent` ADD CONSTRAINT `MonitorAlertEvent_acknowledgedById_fkey` FOREIGN KEY (`acknowledgedById`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `PushSubscription` ADD CONSTRAINT `PushSubscription_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `User`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `AuditLog` ADD CONSTRAINT `AuditLog_actorId_fkey` FOREIGN KEY (`actorId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `LoginAttempt` ADD CONSTRAINT `LoginAttempt_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `SecurityAlert` ADD CONSTRAINT `SecurityAlert_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `SecurityAlert` ADD CONSTRAINT `SecurityAlert_acknowledgedById_fkey` FOREIGN KEY (`acknowledgedById`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `ApiKey` ADD CONSTRAINT `ApiKey_createdById_fkey` FOREIGN KEY (`createdById`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Webhook` ADD CONSTRAINT `Webhook_createdById_fkey` FOREIGN KEY (`createdById`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `WebhookDelivery` ADD CONSTRAINT `WebhookDelivery_webhookId_fkey` FOREIGN KEY (`webhookId`) REFERENCES `Webhook`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `Setting` ADD CONSTRAINT `Setting_updatedById_fkey` FOREIGN KEY (`updatedById`) REFERENCES `User`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;
