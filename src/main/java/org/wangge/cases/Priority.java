package org.wangge.cases;

public enum Priority {
    URGENT, HIGH, NORMAL, LOW
}
