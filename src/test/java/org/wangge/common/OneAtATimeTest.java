package org.wangge.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OneAtATimeTest {

    private final List<CompletableFuture<Boolean>> runs = new ArrayList<>();
    private final OneAtATime task = new OneAtATime(() -> {
        CompletableFuture<Boolean> run = new CompletableFuture<>();
        runs.add(run);
        return Uni.createFrom().completionStage(run);
    });

    @Test
    void requestsWhileRunningCoalesceIntoOneMoreRun() {
        task.request();
        task.request();
        task.request();
        assertEquals(1, runs.size(), "never two at once");
        runs.get(0).complete(false);
        assertEquals(2, runs.size(), "the requests made meanwhile run it once more");
        runs.get(1).complete(false);
        assertEquals(2, runs.size(), "and no more");
    }

    @Test
    void moreToDoRunsAgainAndAFailureDoesNotStopLaterRequests() {
        task.request();
        runs.get(0).complete(true);
        assertEquals(2, runs.size(), "a full page reads the next at once");
        runs.get(1).completeExceptionally(new IllegalStateException("database away"));
        assertEquals(2, runs.size());
        task.request();
        assertEquals(3, runs.size(), "the next request runs again");
    }

    @Test
    void stoppedMeansNoMoreRuns() {
        task.request();
        task.stop();
        task.request();
        runs.get(0).complete(false);
        assertEquals(1, runs.size());
    }
}
