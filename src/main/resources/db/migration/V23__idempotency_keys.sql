-- Retries that do the work once: a mutation sent with an idempotency key is recorded with its
-- caller, the operation, a fingerprint of its input and the id of what it made, in the transaction
-- that made it. A key holds for 24 hours (common.Idempotency removes older rows).
CREATE TABLE idempotency_key (
    subject     varchar(255) NOT NULL,
    key         varchar(100) NOT NULL,
    operation   varchar(60)  NOT NULL,
    fingerprint char(64)     NOT NULL,
    result_id   bigint,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (subject, key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
