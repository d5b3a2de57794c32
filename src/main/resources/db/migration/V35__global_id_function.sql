-- node_id is a name other tools reading this database claim for themselves (PostGraphile's Relay
-- root field nodeId): the function that writes a row's global id is global_id.
ALTER FUNCTION node_id(text, bigint) RENAME TO global_id;
