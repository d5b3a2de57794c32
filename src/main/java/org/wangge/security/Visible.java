package org.wangge.security;

/**
 * An object type with a rule for who may see it. The rule is the type's alone and is applied on
 * every path that returns an object of the type (root fields, nested fields, mutation answers,
 * subscription payloads): {@link Visibility} filters every resolver's answer. Readers also scope
 * their SQL by the same rule so that pages and totals are right; the filter is what guarantees it.
 */
public interface Visible {

    boolean visibleTo(Caller caller);
}
