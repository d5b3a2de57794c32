package org.wangge.cases;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Records an OVERDUE event once for each case past its deadline (every replica may run it). */
@ApplicationScoped
public class OverdueJob {

    private final CaseService service;

    public OverdueJob(CaseService service) {
        this.service = service;
    }

    @Scheduled(every = "${wangge.cases.overdue-check:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return service.recordOverdue(500).replaceWithVoid();
    }
}
