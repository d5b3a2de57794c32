package org.wangge.cases;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.cases.catalogue.StageLimit;

@Description("A 大类 of the catalogue with its 小类 (check items). A case's limit for a stage is its 小类's for its priority, "
        + "else its 小类's for any priority, else the 大类's for its priority, else the 大类's for any priority")
public class CaseKind {
    @NonNull
    public String code;
    @NonNull
    @Description("大类代码: two digits")
    public String classCode;
    @NonNull
    public String nameZh;
    @NonNull
    public String nameEn;
    @NonNull
    public boolean dispute;
    @NonNull
    @Description("The 大类's own limits, for its 小类 without one")
    public List<@NonNull StageLimit> limits;
    @NonNull
    public List<@NonNull CaseItem> items;

    @Description("A 小类 with its standards")
    public static class CaseItem {
        @NonNull
        public String code;
        @NonNull
        @Description("小类代码: two digits")
        public String subCode;
        @NonNull
        @Description("The four-digit code: 大类 then 小类")
        public String fullCode;
        @NonNull
        public String nameZh;
        @Description("立案标准: when a report of it is accepted")
        public String acceptStandard;
        @Description("结案标准: when it counts as done")
        public String closeStandard;
        @Description("The kind of department responsible (a department's kind)")
        public String departmentKind;
        @NonNull
        @Description("The 小类's own limits, before the 大类's")
        public List<@NonNull StageLimit> limits;
    }
}
