package org.wangge.security;

/** What an assignment lets its holder read or do in the subtree of its grid (see {@link Capabilities}). */
public enum Capability {
    /** Households and residents, masked (a building chief: the households of their building only). */
    RESIDENTS_READ,
    /** Register, change and move households and residents; import rosters. */
    RESIDENTS_WRITE,
    /** Care cases (关爱/重点人群) and care-group filters and counts. */
    CARE_READ,
    /** Put residents in care groups and end care cases. */
    CARE_WRITE,
    /** Visit notes (入户走访). */
    VISITS_READ,
    /** Record visits. */
    VISITS_WRITE,
    /** Every case of the subtree (others see their own reports, queue and department's cases). */
    CASES_READ,
    /** Report cases as staff: link residents, set priority and source. */
    CASES_REPORT_AS_STAFF,
    /** Tier powers: accept, reject, dispatch, close, escalate, hand over (立案, 交办, 办结). */
    CASES_LEAD,
    /** The on-site check (核查) of a resolution. */
    CASES_VERIFY,
    /** Staff assignments of the subtree. */
    STAFF_READ,
    /** Appoint and remove staff below one's own tier (a commander: any role). */
    STAFF_APPOINT,
    /** Propose points awards. */
    AWARDS_PROPOSE,
    /** Approve or reject awards (never one's own or one's proposal). */
    AWARDS_DECIDE,
    /** Open shops, keep their catalogues and expiry policies. */
    SHOP_MANAGE,
    /** Hand orders over and cancel them. */
    SHOP_SERVE,
    /** Figures: coverage, indicators, daily figures, assessment, leaderboard. */
    FIGURES_READ,
    /** Create, change, move and retire grids. */
    GRID_EDIT
}
