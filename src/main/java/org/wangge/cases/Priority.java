package org.wangge.cases;

@org.eclipse.microprofile.graphql.Description("How urgent a case is; its deadline follows")
public enum Priority {
    URGENT, HIGH, NORMAL, LOW
}
