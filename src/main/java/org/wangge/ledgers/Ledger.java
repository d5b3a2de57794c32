package org.wangge.ledgers;

/** The ledgers (台账) a grid office prints, by the name in their address. */
enum Ledger {
    /** 案件台账: every case of the subtree the caller may see, with the case filter. */
    cases("案件台账"),
    /** 三色风险台账: disputes by risk colour (red first), with their age and last action. */
    risks("三色风险台账"),
    /** 走访台账: home visits of the subtree. */
    visits("走访台账"),
    /** 单位检查台账: units of the subtree with each of their inspections. */
    units("单位检查台账"),
    /** 积分台账: points entries (an admin's: everyone's; anyone else's: their own). */
    points("积分台账");

    final String title;

    Ledger(String title) {
        this.title = title;
    }
}
