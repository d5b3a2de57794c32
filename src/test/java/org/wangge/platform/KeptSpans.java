package org.wangge.platform;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * The tests' span exporter: the last spans ended, in memory. Being a SpanExporter bean it also
 * keeps Quarkus from starting an OTLP exporter in tests. Bounded, as every test's spans pass here.
 */
@Singleton
public class KeptSpans implements SpanExporter {

    private static final int KEEP = 5_000;

    private final ConcurrentLinkedDeque<SpanData> spans = new ConcurrentLinkedDeque<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
        spans.addAll(batch);
        while (spans.size() > KEEP) {
            spans.pollFirst();
        }
        return CompletableResultCode.ofSuccess();
    }

    /** Every span ended so far, once the SDK's batch has been handed over. */
    public List<SpanData> all(OpenTelemetry openTelemetry) {
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            CompletableResultCode flushed = sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
            if (!flushed.isSuccess()) {
                throw new AssertionError("spans not flushed");
            }
        }
        return new ArrayList<>(spans);
    }

    public void clear() {
        spans.clear();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
