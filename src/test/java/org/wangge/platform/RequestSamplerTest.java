package org.wangge.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests and everything beneath them are traced; statements of background work are not. */
class RequestSamplerTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private final RequestSampler sampler = new RequestSampler();

    private SamplingDecision decide(Context parent, SpanKind kind) {
        return sampler.shouldSample(parent, TRACE, "span", kind, Attributes.empty(), List.of()).getDecision();
    }

    @Test
    void requestsAreTracedBackgroundStatementsAreNot() {
        Context root = Context.root();
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(root, SpanKind.SERVER), "a request");
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(root, SpanKind.INTERNAL), "an operation without a request");
        assertEquals(SamplingDecision.DROP, decide(root, SpanKind.CLIENT), "a statement no request started");

        Context inRequest = root.with(Span.wrap(SpanContext.create(TRACE, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault())));
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(inRequest, SpanKind.CLIENT), "a request's statement");
        Context unsampled = root.with(Span.wrap(SpanContext.create(TRACE, "b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault())));
        assertEquals(SamplingDecision.DROP, decide(unsampled, SpanKind.INTERNAL), "the caller's decision stands");
    }
}
