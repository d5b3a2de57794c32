package org.wangge.people;

public enum Gender {
    MALE, FEMALE, UNKNOWN
}
