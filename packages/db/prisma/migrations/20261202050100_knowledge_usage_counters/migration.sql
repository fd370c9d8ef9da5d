-- AlterTable
ALTER TABLE `KbArticle` ADD COLUMN `botAnswerCount` INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN `agentInsertCount` INTEGER NOT NULL DEFAULT 0;

-- The bot's answers so far are in the messages that quote an article.
UPDATE `KbArticle` a
JOIN (SELECT `kbArticleId`, COUNT(*) AS n FROM `Message` WHERE `senderType` = 'BOT' AND `kbArticleId` IS NOT NULL GROUP BY `kbArticleId`) m ON m.`kbArticleId` = a.`id`
SET a.`botAnswerCount` = m.n;
