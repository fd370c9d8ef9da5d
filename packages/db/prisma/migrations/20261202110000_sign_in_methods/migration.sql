-- AlterTable
ALTER TABLE `Authenticator` ADD COLUMN `deviceType` VARCHAR(16) NOT NULL DEFAULT 'singleDevice',
    ADD COLUMN `backedUp` BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE `SmsMessage` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `provider` VARCHAR(16) NOT NULL,
    `phoneLast4` VARCHAR(4) NOT NULL,
    `body` VARCHAR(255) NULL,
    `status` VARCHAR(16) NOT NULL,
    `error` VARCHAR(255) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `SmsMessage_createdAt_idx`(`createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `WebAuthnChallenge` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `challenge` VARCHAR(128) NOT NULL,
    `purpose` VARCHAR(16) NOT NULL,
    `userId` INTEGER NULL,
    `expiresAt` DATETIME(3) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `WebAuthnChallenge_challenge_key`(`challenge`),
    INDEX `WebAuthnChallenge_expiresAt_idx`(`expiresAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
