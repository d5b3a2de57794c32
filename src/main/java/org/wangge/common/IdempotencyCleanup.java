package org.wangge.common;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keys older than 24 hours are removed every hour (a key met before then is removed when it is met). */
@ApplicationScoped
public class IdempotencyCleanup {

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return Idempotency.forgetExpired().replaceWithVoid();
    }
}
