-- The single row that serialises appends to the audit hash chain (genesis hash).
INSERT IGNORE INTO `AuditChainHead` (`id`, `lastId`, `lastHash`) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
