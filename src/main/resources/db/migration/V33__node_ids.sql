-- A row's global id as the API writes it (org.wangge.common.NodeType): "Type:key" in base64url
-- without padding. Statements that build answers as JSON (the compiled read path) write ids with it.
CREATE FUNCTION node_id(type text, key bigint) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN rtrim(translate(encode(convert_to(type || ':' || key, 'UTF8'), 'base64'), E'+/\n', '-_'), '=');
