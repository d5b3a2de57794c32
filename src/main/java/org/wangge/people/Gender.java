package org.wangge.people;

@org.eclipse.microprofile.graphql.Description("A resident's gender as registered")
public enum Gender {
    MALE, FEMALE, UNKNOWN
}
