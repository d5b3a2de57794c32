package org.wangge.people;

import org.eclipse.microprofile.graphql.Description;

@Description("Relation to the householder (与户主关系)")
public enum Relation {
    @Description("户主") HOUSEHOLDER,
    @Description("配偶") SPOUSE,
    @Description("子女") CHILD,
    @Description("父母") PARENT,
    @Description("孙子女") GRANDCHILD,
    @Description("祖父母") GRANDPARENT,
    @Description("兄弟姐妹") SIBLING,
    @Description("儿媳 / 女婿") CHILD_IN_LAW,
    @Description("租户") TENANT,
    @Description("其他") OTHER
}
