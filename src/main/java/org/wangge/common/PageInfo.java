package org.wangge.common;

import org.eclipse.microprofile.graphql.Description;

@Description("Relay page information")
public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
}
