package org.wangge.nodes;

import io.smallrye.mutiny.Uni;
import java.util.Set;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.security.Caller;

/**
 * Fetches a feature's objects by their global ids, for {@code node(id:)}. A loader applies the rule
 * of a type that has none of its own ({@link org.wangge.security.Visible}): a case's timeline and
 * attachments with their case, a grid with its jurisdiction; {@link NodeApi} applies the others.
 */
public interface NodeLoader {

    /** The types this loader fetches. */
    Set<NodeType> types();

    /** The object of {@code type} with the key {@code key}; null when there is none or it is out of the caller's reach. */
    Uni<? extends Node> load(Caller caller, NodeType type, Key key);

    /** A global id's key: a number or a UUID, as the type keys its rows. */
    record Key(String text) {

        /** The key as a row number; 0 when it is not one (no row has it). */
        public long number() {
            try {
                return Math.max(0, Long.parseLong(text));
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        /** The key as a UUID; null when it is not one. */
        public java.util.UUID uuid() {
            try {
                return java.util.UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
