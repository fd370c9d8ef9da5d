-- CreateTable
CREATE TABLE `AutoQaRule` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `key` VARCHAR(64) NOT NULL,
    `type` ENUM('FORBIDDEN_WORDS', 'GREETING', 'CLOSING', 'SLOW_RESPONSE', 'REPEATED_TEXT', 'IMPOLITE', 'COMPLAINT_RISK', 'PERSONAL_DATA', 'PROCESS_ORDER') NOT NULL,
    `name` VARCHAR(64) NOT NULL,
    `severity` ENUM('LOW', 'MEDIUM', 'HIGH') NOT NULL DEFAULT 'MEDIUM',
    `points` INTEGER NOT NULL DEFAULT 0,
    `config` JSON NOT NULL,
    `enabled` BOOLEAN NOT NULL DEFAULT true,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `AutoQaRule_key_key`(`key`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `AutoQaCheck` (
    `conversationId` INTEGER NOT NULL,
    `flagCount` INTEGER NOT NULL,
    `checkedAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    PRIMARY KEY (`conversationId`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `AutoQaCheck` ADD CONSTRAINT `AutoQaCheck_conversationId_fkey` FOREIGN KEY (`conversationId`) REFERENCES `Conversation`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- The standing rule set of a new installation (edited or switched off on the AutoQA rules page)
INSERT INTO `AutoQaRule` (`key`, `type`, `name`, `severity`, `points`, `config`, `enabled`, `updatedAt`) VALUES
  ('forbidden_words', 'FORBIDDEN_WORDS', '禁语', 'HIGH', 10, '{"words": ["滚", "闭嘴", "白痴", "神经病", "有病吧", "你懂不懂", "爱买不买", "关我什么事", "找别人去"], "whitelist": ["滚动", "滚筒", "翻滚"]}', true, CURRENT_TIMESTAMP(3)),
  ('greeting', 'GREETING', '开场白', 'LOW', 2, '{"phrases": ["您好", "你好", "很高兴为您服务", "欢迎"], "withinFirst": 2}', true, CURRENT_TIMESTAMP(3)),
  ('closing', 'CLOSING', '结束语', 'LOW', 2, '{"phrases": ["还有其他", "祝您", "再见", "感谢您", "欢迎再次"], "withinLast": 2}', true, CURRENT_TIMESTAMP(3)),
  ('slow_response', 'SLOW_RESPONSE', '响应超时', 'MEDIUM', 3, '{"firstResponseSeconds": 60, "replySeconds": 120}', true, CURRENT_TIMESTAMP(3)),
  ('repeated_text', 'REPEATED_TEXT', '重复话术', 'LOW', 1, '{"times": 3, "withinTurns": 10}', true, CURRENT_TIMESTAMP(3)),
  ('impolite', 'IMPOLITE', '服务态度', 'HIGH', 5, '{"phrases": ["你自己看", "不是说了吗", "我已经说过了", "听不懂吗", "自己去查", "没办法", "不归我管", "你问我我问谁"]}', true, CURRENT_TIMESTAMP(3)),
  ('complaint_risk', 'COMPLAINT_RISK', '投诉风险', 'HIGH', 0, '{"words": ["投诉", "12315", "差评", "曝光", "媒体", "消协", "工商", "举报", "律师"]}', true, CURRENT_TIMESTAMP(3)),
  ('personal_data', 'PERSONAL_DATA', '泄露个人信息', 'HIGH', 10, '{"idNumber": true, "phone": true, "bankCard": true}', true, CURRENT_TIMESTAMP(3)),
  ('refund_identity_check', 'PROCESS_ORDER', '退款前核实身份', 'MEDIUM', 3, '{"first": ["核实", "验证", "确认一下您的", "身份", "订单号"], "then": ["退款", "退货", "给您退"]}', true, CURRENT_TIMESTAMP(3));
