package org.wangge.common;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Interface;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * An object with a global id (Relay's Node): {@code node(id:)} fetches it again. Each type
 * implements it itself, with its own {@code id} field and getter: SmallRye GraphQL maps the
 * interface onto the classes that declare it, not onto those that inherit it.
 */
@Interface
@Description("An object with a global id: node(id:) fetches it again, as the caller may see it")
public interface Node {

    @Id
    @NonNull
    @Description("Global, opaque id")
    String getId();
}
