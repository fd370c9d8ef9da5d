-- Quality reviews (docs/architecture.md, "Quality reviews"): N/A and groups on criteria, N/A scores,
-- the agent's acknowledgement, highlighted messages, and the proposal and history of a dispute.

-- AlterTable
ALTER TABLE `ScorecardCriterion` ADD COLUMN `naAllowed` BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN `groupName` VARCHAR(32) NULL;

-- AlterTable
ALTER TABLE `QaReview` ADD COLUMN `acknowledgedAt` DATETIME(3) NULL;

-- AlterTable
ALTER TABLE `QaReviewScore` MODIFY `score` INTEGER NULL;

-- AlterTable
ALTER TABLE `QaDispute` MODIFY `status` ENUM('OPEN', 'ACCEPTED', 'ADJUSTED', 'REJECTED') NOT NULL DEFAULT 'OPEN',
    ADD COLUMN `proposedScores` JSON NULL,
    ADD COLUMN `previousScores` JSON NULL,
    ADD COLUMN `previousTotal` DOUBLE NULL,
    ADD COLUMN `resolvedScores` JSON NULL,
    ADD COLUMN `resolvedTotal` DOUBLE NULL;

-- CreateTable
CREATE TABLE `QaReviewHighlight` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `reviewId` INTEGER NOT NULL,
    `messageId` INTEGER NOT NULL,
    `comment` VARCHAR(1000) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `QaReviewHighlight_reviewId_messageId_key`(`reviewId`, `messageId`),
    INDEX `QaReviewHighlight_messageId_idx`(`messageId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `QaReviewHighlight` ADD CONSTRAINT `QaReviewHighlight_reviewId_fkey` FOREIGN KEY (`reviewId`) REFERENCES `QaReview`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `QaReviewHighlight` ADD CONSTRAINT `QaReviewHighlight_messageId_fkey` FOREIGN KEY (`messageId`) REFERENCES `Message`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
