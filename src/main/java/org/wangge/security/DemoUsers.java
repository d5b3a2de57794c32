package org.wangge.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The demo county's people (db/demo) and the token roles they carry. */
public final class DemoUsers {

    public record DemoUser(String subject, String name, Set<String> roles, String note) {
    }

    public static final Map<String, DemoUser> ALL = new LinkedHashMap<>();

    static {
        add("admin", "系统管理员", Set.of(Roles.ADMIN), "sees and changes everything");
        add("commander-chengguan", "王建国", Set.of(Roles.COMMANDER), "grid commander of 城关镇 (411321001)");
        add("chief-dongguan", "李秀英", Set.of(Roles.GRID_CHIEF), "grid chief of 东关村 (411321001001)");
        add("worker-dongguan", "张伟", Set.of(Roles.GRID_WORKER), "grid worker of two 东关村 micro-grids");
        add("reporter-dongguan", "刘大爷", Set.of(Roles.REPORTER), "information reporter, 东关村一组");
        add("chief-yunyang", "陈静", Set.of(Roles.GRID_CHIEF), "grid chief of 云阳村 (411321002001)");
        add("worker-yunyang", "赵磊", Set.of(Roles.GRID_WORKER), "grid worker of 云阳村一组");
        add("police-chengguan", "孙警官", Set.of(Roles.GRID_WORKER), "community police of 城关镇");
        add("resident-zhang", "张大妈", Set.of(Roles.RESIDENT), "a resident of 东关村");
        add("dept-police", "城关派出所", Set.of(Roles.DEPARTMENT), "partner department: police station");
    }

    private DemoUsers() {
    }

    private static void add(String subject, String name, Set<String> roles, String note) {
        ALL.put(subject, new DemoUser(subject, name, roles, note));
    }
}
