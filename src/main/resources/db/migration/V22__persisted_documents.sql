-- GraphQL documents clients refer to by the SHA-256 of their text (Automatic Persisted Queries):
-- kept in the database, so every instance knows a document as soon as one of them has seen it.
CREATE TABLE persisted_document (
    hash       text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
    document   text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The documents of a first-party client's manifest (trusted documents): a client configured as
-- trusted runs these and nothing else.
CREATE TABLE client_document (
    client_id text NOT NULL,
    hash      text NOT NULL REFERENCES persisted_document (hash),
    loaded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, hash)
);
