-- Report rollups: StatsHourly / StatsDaily (unused until now) get a channel key and the report's counters;
-- each conversation's part of them is kept in StatsConversationFact.
DROP TABLE `StatsHourly`;
DROP TABLE `StatsDaily`;

-- CreateTable
CREATE TABLE `StatsHourly` (
    `bucket` DATETIME(3) NOT NULL,
    `teamId` INTEGER NOT NULL DEFAULT 0,
    `agentId` INTEGER NOT NULL DEFAULT 0,
    `channel` ENUM('WEB', 'WECHAT', 'APP', 'API') NOT NULL,
    `created` INTEGER NOT NULL DEFAULT 0,
    `handedOff` INTEGER NOT NULL DEFAULT 0,
    `assigned` INTEGER NOT NULL DEFAULT 0,
    `resolved` INTEGER NOT NULL DEFAULT 0,
    `botResolved` INTEGER NOT NULL DEFAULT 0,
    `abandoned` INTEGER NOT NULL DEFAULT 0,
    `waitSecondsSum` INTEGER NOT NULL DEFAULT 0,
    `waitCount` INTEGER NOT NULL DEFAULT 0,
    `firstResponseSum` INTEGER NOT NULL DEFAULT 0,
    `firstResponseCount` INTEGER NOT NULL DEFAULT 0,
    `replySecondsSum` INTEGER NOT NULL DEFAULT 0,
    `replyCount` INTEGER NOT NULL DEFAULT 0,
    `handleSecondsSum` INTEGER NOT NULL DEFAULT 0,
    `handleCount` INTEGER NOT NULL DEFAULT 0,
    `csatResponses` INTEGER NOT NULL DEFAULT 0,
    `csatPositive` INTEGER NOT NULL DEFAULT 0,
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `StatsHourly_agentId_bucket_idx`(`agentId`, `bucket`),
    INDEX `StatsHourly_teamId_bucket_idx`(`teamId`, `bucket`),
    PRIMARY KEY (`bucket`, `teamId`, `agentId`, `channel`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `StatsDaily` (
    `day` DATE NOT NULL,
    `teamId` INTEGER NOT NULL DEFAULT 0,
    `agentId` INTEGER NOT NULL DEFAULT 0,
    `channel` ENUM('WEB', 'WECHAT', 'APP', 'API') NOT NULL,
    `created` INTEGER NOT NULL DEFAULT 0,
    `handedOff` INTEGER NOT NULL DEFAULT 0,
    `assigned` INTEGER NOT NULL DEFAULT 0,
    `resolved` INTEGER NOT NULL DEFAULT 0,
    `botResolved` INTEGER NOT NULL DEFAULT 0,
    `abandoned` INTEGER NOT NULL DEFAULT 0,
    `waitSecondsSum` INTEGER NOT NULL DEFAULT 0,
    `waitCount` INTEGER NOT NULL DEFAULT 0,
    `firstResponseSum` INTEGER NOT NULL DEFAULT 0,
    `firstResponseCount` INTEGER NOT NULL DEFAULT 0,
    `replySecondsSum` INTEGER NOT NULL DEFAULT 0,
    `replyCount` INTEGER NOT NULL DEFAULT 0,
    `handleSecondsSum` INTEGER NOT NULL DEFAULT 0,
    `handleCount` INTEGER NOT NULL DEFAULT 0,
    `csatResponses` INTEGER NOT NULL DEFAULT 0,
    `csatPositive` INTEGER NOT NULL DEFAULT 0,
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `StatsDaily_agentId_day_idx`(`agentId`, `day`),
    INDEX `StatsDaily_teamId_day_idx`(`teamId`, `day`),
    PRIMARY KEY (`day`, `teamId`, `agentId`, `channel`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `StatsConversationFact` (
    `conversationId` INTEGER NOT NULL,
    `bucket` DATETIME(3) NOT NULL,
    `agentId` INTEGER NOT NULL DEFAULT 0,
    `teamId` INTEGER NOT NULL DEFAULT 0,
    `channel` ENUM('WEB', 'WECHAT', 'APP', 'API') NOT NULL,
    `created` INTEGER NOT NULL DEFAULT 0,
    `handedOff` INTEGER NOT NULL DEFAULT 0,
    `assigned` INTEGER NOT NULL DEFAULT 0,
    `resolved` INTEGER NOT NULL DEFAULT 0,
    `botResolved` INTEGER NOT NULL DEFAULT 0,
    `abandoned` INTEGER NOT NULL DEFAULT 0,
    `waitSecondsSum` INTEGER NOT NULL DEFAULT 0,
    `waitCount` INTEGER NOT NULL DEFAULT 0,
    `firstResponseSum` INTEGER NOT NULL DEFAULT 0,
    `firstResponseCount` INTEGER NOT NULL DEFAULT 0,
    `replySecondsSum` INTEGER NOT NULL DEFAULT 0,
    `replyCount` INTEGER NOT NULL DEFAULT 0,
    `handleSecondsSum` INTEGER NOT NULL DEFAULT 0,
    `handleCount` INTEGER NOT NULL DEFAULT 0,
    `csatResponses` INTEGER NOT NULL DEFAULT 0,
    `csatPositive` INTEGER NOT NULL DEFAULT 0,

    INDEX `StatsConversationFact_bucket_idx`(`bucket`),
    PRIMARY KEY (`conversationId`, `bucket`, `agentId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `StatsConversation` (
    `conversationId` INTEGER NOT NULL,
    `computedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    PRIMARY KEY (`conversationId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
