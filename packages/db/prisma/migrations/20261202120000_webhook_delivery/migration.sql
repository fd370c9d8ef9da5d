-- Outgoing signed webhooks: endpoint description, secret rotation and disabling; deliveries with their message id,
-- idempotent source, per-conversation order and retry schedule (docs/architecture.md, "Webhooks").
ALTER TABLE `Webhook`
    ADD COLUMN `description` VARCHAR(500) NULL,
    ADD COLUMN `previousSecretEnc` VARCHAR(255) NULL,
    ADD COLUMN `previousSecretExpiresAt` DATETIME(3) NULL,
    ADD COLUMN `disabledReason` VARCHAR(16) NULL,
    ADD COLUMN `disabledAt` DATETIME(3) NULL,
    ADD COLUMN `failingSince` DATETIME(3) NULL;

-- Nothing has ever sent: deliveries written before this migration cannot exist.
DELETE FROM `WebhookDelivery`;

ALTER TABLE `WebhookDelivery`
    ADD COLUMN `messageId` VARCHAR(40) NOT NULL,
    ADD COLUMN `sourceKey` VARCHAR(64) NOT NULL,
    ADD COLUMN `orderKey` VARCHAR(64) NULL,
    ADD COLUMN `sequence` INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN `nextAttemptAt` DATETIME(3) NULL,
    ADD COLUMN `lockedAt` DATETIME(3) NULL,
    ADD COLUMN `lastAttemptAt` DATETIME(3) NULL,
    ADD COLUMN `durationMs` INTEGER NULL;

CREATE UNIQUE INDEX `WebhookDelivery_messageId_key` ON `WebhookDelivery`(`messageId`);
CREATE UNIQUE INDEX `WebhookDelivery_webhookId_sourceKey_key` ON `WebhookDelivery`(`webhookId`, `sourceKey`);
CREATE INDEX `WebhookDelivery_webhookId_orderKey_sequence_idx` ON `WebhookDelivery`(`webhookId`, `orderKey`, `sequence`);
