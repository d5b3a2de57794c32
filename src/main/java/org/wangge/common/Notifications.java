package org.wangge.common;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * PostgreSQL LISTEN for the whole instance: one connection, any number of channels. NOTIFY is
 * sent on commit only, from whichever instance committed. After the connection comes back
 * (database restart, killed backend) every listener is called with {@code null}: notifications
 * sent meanwhile are lost, so listeners read what they may have missed.
 */
@ApplicationScoped
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class);

    private final Map<String, Set<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final PgSubscriber subscriber;

    public Notifications(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        // keep trying while the database is away; each reconnection re-subscribes every channel
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.closeHandler(v -> LOG.warn("Lost the notification connection; reconnecting"));
    }

    void start(@Observes @Priority(1) StartupEvent started) {
        subscriber.connect().onFailure(e -> LOG.warn("Notifications not connected yet: " + e.getMessage()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        subscriber.close();
    }

    /** Calls {@code listener} with each payload on the channel (and null after a reconnection) until the returned handle runs. */
    public Runnable listen(String channel, Consumer<String> listener) {
        listeners.computeIfAbsent(channel, name -> {
            Set<Consumer<String>> members = ConcurrentHashMap.newKeySet();
            subscriber.channel(name)
                    .subscribeHandler(v -> members.forEach(l -> call(l, null)))
                    .handler(payload -> members.forEach(l -> call(l, payload)));
            return members;
        }).add(listener);
        return () -> listeners.get(channel).remove(listener);
    }

    private static void call(Consumer<String> listener, String payload) {
        try {
            listener.accept(payload);
        } catch (RuntimeException e) {
            LOG.warn("A notification listener failed", e);
        }
    }
}
