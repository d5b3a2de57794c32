package org.wangge.open311;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.wangge.common.Sql;
import org.wangge.common.NodeType;

@ApplicationScoped
public class Open311KeyReader {

    private final Sql sql;

    public Open311KeyReader(Sql sql) {
        this.sql = sql;
    }

    public Uni<List<Open311Key>> all() {
        return sql.list("SELECT id, name, created_at, revoked_at FROM open311_key ORDER BY id", Tuple.tuple(), Open311KeyReader::key);
    }

    public Uni<Open311Key> byId(long id) {
        return sql.one("SELECT id, name, created_at, revoked_at FROM open311_key WHERE id = $1", Tuple.of(id), Open311KeyReader::key);
    }

    /** The key a partner sent, if it was issued (revoked or not). */
    public Uni<Open311Key> byKey(String key) {
        return sql.one("SELECT id, name, created_at, revoked_at FROM open311_key WHERE key_hash = $1",
                Tuple.of(io.vertx.core.buffer.Buffer.buffer(Open311KeyService.hash(key))), Open311KeyReader::key);
    }

    private static Open311Key key(Row row) {
        Open311Key k = new Open311Key();
        k.id = NodeType.OPEN311_KEY.id(row.getLong("id"));
        k.name = row.getString("name");
        k.subject = Open311Key.subjectOf(row.getLong("id"));
        k.createdAt = row.getOffsetDateTime("created_at");
        k.revokedAt = row.getOffsetDateTime("revoked_at");
        return k;
    }
}
