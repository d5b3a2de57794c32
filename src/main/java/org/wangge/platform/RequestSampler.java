package org.wangge.platform;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Traces are of requests: every request is sampled and everything beneath it with it (parent-based,
 * as Quarkus' default), but a statement no request started (the outbox polls, the daily fold, the
 * jurisdiction checks: a CLIENT span without a parent) is not, or there would be a trace every few
 * seconds per instance. Quarkus takes a Sampler bean in place of the configured sampler.
 */
@Singleton
@Unremovable
public class RequestSampler implements Sampler {

    private final Sampler sampler = Sampler.parentBased(new Sampler() {
        @Override
        public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                Attributes attributes, List<LinkData> parentLinks) {
            return spanKind == SpanKind.CLIENT ? SamplingResult.drop() : SamplingResult.recordAndSample();
        }

        @Override
        public String getDescription() {
            return "RequestRoots";
        }
    });

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        return sampler.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return sampler.getDescription();
    }
}
