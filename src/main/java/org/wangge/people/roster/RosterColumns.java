package org.wangge.people.roster;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wangge.people.Gender;
import org.wangge.people.IdType;
import org.wangge.people.Relation;
import org.wangge.people.ResidenceType;

/** The roster's columns, known by their Chinese headings or their English field names. */
enum RosterColumns {
    GRID_CODE(true, "网格编码", "gridCode"),
    ADDRESS(true, "地址", "住址", "address"),
    BUILDING(false, "楼栋", "building"),
    UNIT(false, "单元", "unit"),
    ROOM(false, "房号", "门牌号", "room"),
    NAME(true, "姓名", "name"),
    RELATION(false, "与户主关系", "relation"),
    ID_TYPE(false, "证件类型", "idType"),
    ID_NUMBER(true, "证件号码", "身份证号", "身份证号码", "idNumber"),
    GENDER(false, "性别", "gender"),
    BIRTH_DATE(false, "出生日期", "birthDate"),
    PHONE(false, "联系电话", "电话", "手机号", "phone"),
    ETHNICITY(false, "民族", "ethnicity"),
    RESIDENCE_TYPE(true, "人口类型", "residenceType"),
    MOVE_IN_DATE(false, "迁入日期", "moveInDate"),
    MOVE_OUT_DATE(false, "迁出日期", "moveOutDate"),
    ORIGIN(false, "来源地", "户籍地", "origin"),
    // houses and units sheets (an addresses sheet has only the grid and address columns)
    HOUSE_USE(false, "房屋用途", "use"),
    OWNER_ID(false, "房主证件号码", "产权人证件号码", "ownerIdNumber"),
    AREA(false, "面积", "建筑面积", "area"),
    UNIT_NAME(false, "单位名称", "unitName"),
    CREDIT_CODE(false, "统一社会信用代码", "信用代码", "creditCode"),
    UNIT_KIND(false, "单位类别", "unitKind"),
    LEGAL_ID(false, "法定代表人证件号码", "legalRepresentativeIdNumber"),
    CONTACT_ID(false, "联系人证件号码", "contactIdNumber"),
    EMPLOYEES(false, "从业人员", "从业人数", "employees"),
    OPENING_HOURS(false, "营业时间", "openingHours"),
    RISK_TAGS(false, "风险标签", "riskTags");

    final boolean required;
    final List<String> names;

    RosterColumns(boolean required, String... names) {
        this.required = required;
        this.names = List.of(names);
    }

    /** The heading shown in error reports: the first Chinese name. */
    String heading() {
        return names.get(0);
    }

    /** Where each column sits in the header; unknown headings are ignored. */
    static Map<RosterColumns, Integer> locate(List<String> header) {
        Map<RosterColumns, Integer> at = new EnumMap<>(RosterColumns.class);
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip();
            for (RosterColumns c : values()) {
                if (c.names.stream().anyMatch(n -> n.equalsIgnoreCase(h))) {
                    at.putIfAbsent(c, i);
                }
            }
        }
        return at;
    }

    static final Map<String, Relation> RELATIONS = Map.ofEntries(
            Map.entry("户主", Relation.HOUSEHOLDER), Map.entry("本人", Relation.HOUSEHOLDER), Map.entry("配偶", Relation.SPOUSE),
            Map.entry("妻", Relation.SPOUSE), Map.entry("夫", Relation.SPOUSE), Map.entry("子女", Relation.CHILD),
            Map.entry("子", Relation.CHILD), Map.entry("女", Relation.CHILD), Map.entry("儿子", Relation.CHILD),
            Map.entry("女儿", Relation.CHILD), Map.entry("父母", Relation.PARENT), Map.entry("父亲", Relation.PARENT),
            Map.entry("母亲", Relation.PARENT), Map.entry("孙子女", Relation.GRANDCHILD), Map.entry("孙子", Relation.GRANDCHILD),
            Map.entry("孙女", Relation.GRANDCHILD), Map.entry("祖父母", Relation.GRANDPARENT), Map.entry("兄弟姐妹", Relation.SIBLING),
            Map.entry("儿媳", Relation.CHILD_IN_LAW), Map.entry("女婿", Relation.CHILD_IN_LAW), Map.entry("租户", Relation.TENANT),
            Map.entry("其他", Relation.OTHER));

    static final Map<String, IdType> ID_TYPES = Map.of("身份证", IdType.RESIDENT_ID, "居民身份证", IdType.RESIDENT_ID,
            "护照", IdType.PASSPORT, "港澳通行证", IdType.HK_MACAO_PERMIT, "台胞证", IdType.TAIWAN_PERMIT,
            "外国人永久居留证", IdType.FOREIGN_PERMANENT_RESIDENT, "其他", IdType.OTHER);

    static final Map<String, ResidenceType> RESIDENCE_TYPES = Map.of("户籍", ResidenceType.REGISTERED,
            "户籍人口", ResidenceType.REGISTERED, "常住", ResidenceType.PERMANENT, "常住人口", ResidenceType.PERMANENT,
            "流动", ResidenceType.FLOATING, "流动人口", ResidenceType.FLOATING);

    static final Map<String, org.wangge.houses.HouseUse> HOUSE_USES = Map.of("自住", org.wangge.houses.HouseUse.SELF_OCCUPIED,
            "出租", org.wangge.houses.HouseUse.RENTED, "空置", org.wangge.houses.HouseUse.VACANT, "经营", org.wangge.houses.HouseUse.BUSINESS,
            "混合", org.wangge.houses.HouseUse.MIXED);

    static final Map<String, org.wangge.units.UnitKind> UNIT_KINDS = Map.ofEntries(Map.entry("企业", org.wangge.units.UnitKind.ENTERPRISE),
            Map.entry("商铺", org.wangge.units.UnitKind.SHOP), Map.entry("个体工商户", org.wangge.units.UnitKind.SHOP),
            Map.entry("餐饮", org.wangge.units.UnitKind.RESTAURANT), Map.entry("学校", org.wangge.units.UnitKind.SCHOOL),
            Map.entry("幼儿园", org.wangge.units.UnitKind.SCHOOL), Map.entry("医院", org.wangge.units.UnitKind.HOSPITAL),
            Map.entry("诊所", org.wangge.units.UnitKind.HOSPITAL), Map.entry("宗教活动场所", org.wangge.units.UnitKind.RELIGIOUS_VENUE),
            Map.entry("社会组织", org.wangge.units.UnitKind.SOCIAL_ORGANISATION), Map.entry("机关", org.wangge.units.UnitKind.PUBLIC_INSTITUTION),
            Map.entry("事业单位", org.wangge.units.UnitKind.PUBLIC_INSTITUTION), Map.entry("其他", org.wangge.units.UnitKind.OTHER));

    static final Map<String, Gender> GENDERS = Map.of("男", Gender.MALE, "女", Gender.FEMALE);

    /** A value by its Chinese word or its English constant, or null when it is neither. */
    static <E extends Enum<E>> E pick(Map<String, E> words, Class<E> type, String text) {
        E word = words.get(text.strip());
        if (word != null) {
            return word;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
