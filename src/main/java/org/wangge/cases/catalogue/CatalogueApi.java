package org.wangge.cases.catalogue;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.wangge.cases.CaseKind;
import org.wangge.security.CurrentCaller;

/** The standard catalogue (事件分类): public to every signed-in caller; an admin imports it (POST /import/catalogue). */
@GraphQLApi
public class CatalogueApi {

    private final CatalogueReader reader;
    private final CurrentCaller currentCaller;

    public CatalogueApi(CatalogueReader reader, CurrentCaller currentCaller) {
        this.reader = reader;
        this.currentCaller = currentCaller;
    }

    @Query
    @Description("The catalogue: 大类 (case kinds) with their 小类 (check items), standards and time limits")
    public Uni<@NonNull List<@NonNull CaseKind>> caseKinds() {
        currentCaller.get();
        return reader.caseKinds();
    }
}
