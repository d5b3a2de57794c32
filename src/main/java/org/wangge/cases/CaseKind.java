package org.wangge.cases;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A kind of case with its check items (the checklists are data)")
public class CaseKind {
    @NonNull
    public String code;
    @NonNull
    public String nameZh;
    @NonNull
    public String nameEn;
    @NonNull
    public boolean dispute;
    @NonNull
    public List<@NonNull CaseItem> items;

    public static class CaseItem {
        @NonNull
        public String code;
        @NonNull
        public String nameZh;
    }
}
