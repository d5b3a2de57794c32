package org.wangge.platform;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.List;
import org.wangge.common.Sql;

/**
 * The primary's pool as Quarkus configures it, keeping long statements prepared too: the client
 * keeps none longer than 2,048 characters by default, so a compiled read (several thousand) was
 * parsed and planned by PostgreSQL on every request.
 */
@Singleton
public class PostgresPool implements PgPoolCreator {

    @Override
    public Pool create(Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setPreparedStatementCacheSqlLimit(Sql.PREPARED_SQL_LIMIT);
        }
        List<SqlConnectOptions> servers = List.copyOf(input.pgConnectOptionsList());
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(servers).using(input.vertx()).build();
    }
}
