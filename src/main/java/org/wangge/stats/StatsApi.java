package org.wangge.stats;

import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.grid.GridReader;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;
import org.wangge.security.Roles;
import org.wangge.common.NodeType;

/** Figures for leaders (日报告、周例会、月督查、季推进): case indicators of a subtree or a department. */
@GraphQLApi
public class StatsApi {

    private final StatsReader stats;
    private final GridReader grids;
    private final CurrentCaller currentCaller;

    public StatsApi(StatsReader stats, GridReader grids, CurrentCaller currentCaller) {
        this.stats = stats;
        this.grids = grids;
        this.currentCaller = currentCaller;
    }

    @Query
    @Description("Case indicators for cases reported from `from` to `to` (inclusive, Asia/Shanghai dates), in a grid subtree "
            + "(staff over it) or dispatched to a department (its members)")
    public Uni<@NonNull CaseIndicators> caseIndicators(@Id String gridId, @Id String departmentId, @NonNull LocalDate from,
            @NonNull LocalDate to, @DefaultValue("DAY") CaseIndicators.Granularity trendBy) {
        Caller caller = currentCaller.get();
        if ((gridId == null) == (departmentId == null)) {
            throw ApiException.validation("gridId", "Give a grid or a department (exactly one)");
        }
        if (to.isBefore(from)) {
            throw ApiException.validation("to", "to is before from");
        }
        if (gridId != null) {
            long id = NodeType.GRID.key("gridId", gridId);
            return grids.byId(id).chain(g -> {
                if (g == null) {
                    throw ApiException.notFound("Grid", gridId);
                }
                caller.require(org.wangge.security.Capability.FIGURES_READ, g.path, id);
                // a city's or a province's cases are too many to read for each request: their roll-up answers
                if (g.kind == org.wangge.grid.GridKind.CITY || g.kind == org.wangge.grid.GridKind.PROVINCE) {
                    return stats.indicatorsOfTier(id, g.path, from, to, trendBy);
                }
                return stats.indicatorsOfSubtree(g.subtree(), from, to, trendBy);
            });
        }
        long id = NodeType.DEPARTMENT.key("departmentId", departmentId);
        if (!caller.isAdmin() && (!caller.hasRole(Roles.DEPARTMENT) || !caller.departments().contains(id))) {
            throw ApiException.forbidden("Department figures are for its own members");
        }
        return stats.indicatorsOfDepartment(id, from, to, trendBy);
    }

    @Query
    @Description("The daily report (日报告) of a grid with everything below it, one row per day that had activity; "
            + "kept current as events happen, so a city's month is thirty rows")
    public Uni<@NonNull List<@NonNull DailyFigure>> dailyFigures(@NonNull @Id String gridId, @NonNull LocalDate from, @NonNull LocalDate to) {
        Caller caller = currentCaller.get();
        long id = NodeType.GRID.key("gridId", gridId);
        if (to.isBefore(from)) {
            throw ApiException.validation("to", "to is before from");
        }
        return grids.byId(id).chain(g -> {
            if (g == null) {
                throw ApiException.notFound("Grid", gridId);
            }
            caller.require(org.wangge.security.Capability.FIGURES_READ, g.path, id);
            // the folded rows of this grid, plus the deltas of its subtree not folded yet (V13)
            return stats.daily(id, g.path, from, to);
        });
    }

    @Query
    @Description("Staff assessment: everyone with an assignment in the subtree during the period (optionally only at one level, "
            + "to rank a tier against itself), scored with the configured weights, best first")
    public Uni<@NonNull List<@NonNull StaffScore>> staffAssessment(@NonNull @Id String gridId, @NonNull LocalDate from, @NonNull LocalDate to,
            Integer level) {
        Caller caller = currentCaller.get();
        long id = NodeType.GRID.key("gridId", gridId);
        if (to.isBefore(from)) {
            throw ApiException.validation("to", "to is before from");
        }
        return grids.byId(id).chain(g -> {
            if (g == null) {
                throw ApiException.notFound("Grid", gridId);
            }
            caller.require(org.wangge.security.Capability.FIGURES_READ, g.path, id);
            return stats.assessment(g.path, from, to, level);
        });
    }
}
