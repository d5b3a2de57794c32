package org.wangge.common;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs an asynchronous task one at a time: a request while it runs makes it run once more
 * afterwards (any number of such requests count as one), so a wake-up is never lost and reads
 * never overlap. The task answers whether there is more to do at once (a full page, say).
 */
public final class OneAtATime {

    private final Supplier<Uni<Boolean>> task;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean stopped;

    public OneAtATime(Supplier<Uni<Boolean>> task) {
        this.task = task;
    }

    public void request() {
        // ask first, then try to run: whoever finishes a run sees the request, or this call runs it
        requested.set(true);
        if (stopped || !running.compareAndSet(false, true)) {
            return;
        }
        requested.set(false);
        Uni<Boolean> run;
        try {
            run = task.get();
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        // a failed run is the task's to report; the next request tries again
        run.subscribe().with(more -> finish(Boolean.TRUE.equals(more)), failure -> finish(false));
    }

    /** No more runs (a run under way finishes). */
    public void stop() {
        stopped = true;
    }

    private void finish(boolean more) {
        running.set(false);
        if (more || requested.get()) {
            request();
        }
    }
}
