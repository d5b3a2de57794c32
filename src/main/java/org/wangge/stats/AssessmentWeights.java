package org.wangge.stats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much each part of a staff member's work counts in the assessment score (积分制管理). */
@ConfigMapping(prefix = "wangge.assessment.weights")
public interface AssessmentWeights {

    @WithDefault("1")
    double reports();

    @WithDefault("1")
    double visits();

    @WithDefault("2")
    double handled();

    /** Times the on-time rate (0..1). */
    @WithDefault("10")
    double onTime();

    /** Times the average rating (1..5). */
    @WithDefault("2")
    double rating();

    /** Usually negative: each rework costs. */
    @WithDefault("-3")
    double reworks();

    default double score(StaffScore s) {
        return reports() * s.reportsFiled + visits() * s.visitsMade + handled() * s.casesHandled
                + onTime() * (s.onTimeRate == null ? 0 : s.onTimeRate)
                + rating() * (s.averageRating == null ? 0 : s.averageRating)
                + reworks() * s.reworks;
    }
}
